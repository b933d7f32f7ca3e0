#!/usr/bin/env bash
# Instructions per checked post, counted by valgrind's callgrind: a figure that does not depend on how
# busy or fast the machine is, so two builds can be compared on a noisy machine (wall-clock posts/s
# from bench/run.sh swing by ±30 % there). The binary is stripped first (valgrind cannot read Swift's
# debug info); loading and compiling the pack drop out as the difference between 3 runs and 1 run.
# Needs valgrind (apt-get install -y valgrind).
# Usage: bench/instructions.sh [BINARY] [POSTS]   (default: a fresh release build, 1000 posts)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
posts=${2:-1000}
if [ -z "$binary" ]; then
    swift build -c release --product moderate
    binary=.build/release/moderate
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip -o "$work/moderate" "$binary"
python3 bench/make_posts.py "$posts" > "$work/posts.jsonl"
for runs in 1 3; do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg-$runs.out" "$work/moderate" bench check "$work/posts.jsonl" \
        --context examples/school.json --runs "$runs" --scale 1 > /dev/null 2> "$work/cg-$runs.log"
done
one=$(grep -o 'Collected : [0-9]*' "$work/cg-1.log" | grep -o '[0-9]*$')
three=$(grep -o 'Collected : [0-9]*' "$work/cg-3.log" | grep -o '[0-9]*$')
# Each run checks every post twice (the pack as shipped, then with its word lists scaled, here by 1):
# three runs minus one run is four checks of every post.
echo "$(( (three - one) / (4 * posts) )) instructions per post ($posts posts, $(basename "$binary"))"
