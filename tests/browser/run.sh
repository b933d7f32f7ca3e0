#!/usr/bin/env bash
# The web pages in a real browser (issue 10): Debian's chromium and chromedriver, driven by a pinned
# selenium from a venv, against `moderate serve` on a fresh database. Screenshots go to
# $SCREENSHOTS (default .build/screenshots). Usage: tests/browser/run.sh [VENV]
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${1:-.build/browser-venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import selenium" 2>/dev/null || "$venv/bin/pip" install -q selenium==4.51.0
moderate=$(swift build --show-bin-path)/moderate
work=$(mktemp -d)
port=${PORT:-18095}
db="$work/school.sqlite"
"$moderate" school init examples/school.json --db "$db" >/dev/null
"$moderate" pupils import examples/roster.csv --db "$db" >/dev/null
for account in t-devries d-bos a-smit; do
    printf '%s\n' "wachtwoord-van-$account" | "$moderate" staff password "$account" --db "$db" 2>/dev/null
done
"$moderate" serve --db "$db" --port "$port" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
mkdir -p "${SCREENSHOTS:=.build/screenshots}"
BASE="http://127.0.0.1:$port" SCREENSHOTS="$SCREENSHOTS" WORK="$work" "$venv/bin/python" tests/browser/test_pages.py
