#!/usr/bin/env bash
# Web page latency (issue 10): the release server on loopback, a class of 30 pupils and a review
# queue of 1,000 flagged posts; each page is fetched 200 times in a row by one client with a signed-in
# session, and the median, p95 and maximum are printed. Usage: bench/pages.sh   (PORT=8182 REQUESTS=200)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8182}
swift build -c release --product moderate >&2
moderate=$PWD/.build/release/moderate
work=$(mktemp -d)
db=$work/bench.sqlite
"$moderate" school init examples/school.json --db "$db" --actor bench >/dev/null
# The demo roster has 20 pupils in groep 5B; ten more make a class of 30.
python3 - "$work/roster.csv" <<'PY'
import sys
lines = open("examples/roster.csv", encoding="utf-8-sig").read().splitlines()
extra = [f"p-5{n:02d};Kind{n};;Extra;5B;o-5{n:02d};Ouder {n};o-5{n:02d}@example.nl;ja;ja;nee;nee" for n in range(10)]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines + extra) + "\n")
PY
"$moderate" pupils import "$work/roster.csv" --db "$db" --actor bench >/dev/null
for account in t-devries d-bos a-smit; do
    printf '%s\n' "bench-wachtwoord-$account" | "$moderate" staff password "$account" --db "$db" 2>/dev/null
done
token=$("$moderate" staff token issue t-devries --db "$db" --actor bench 2>/dev/null)
"$moderate" serve --db "$db" --port "$port" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
BASE="http://127.0.0.1:$port" TOKEN="$token" REQUESTS="${REQUESTS:-200}" python3 bench/pages.py
