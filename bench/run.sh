#!/usr/bin/env bash
# Check throughput benchmark (issue 2): release build, realistic ~370-character posts, the demo school
# with its 40-pupil roster, the whole pack; then the same with every word list ten times larger.
# Usage: bench/run.sh [POSTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-5000}
runs=${2:-9}
swift build -c release --product moderate
python3 bench/make_posts.py "$posts" > .build/bench-posts.jsonl
.build/release/moderate bench .build/bench-posts.jsonl --context examples/school.json --runs "$runs" --scale 10 --threads "$(nproc)"
