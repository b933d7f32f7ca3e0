#!/usr/bin/env bash
# HTTP load benchmark (issue 4): the release server on loopback, wrk against POST /v1/check with
# realistic ~370-character posts (a teacher's token, the demo school with 40 pupils, every rule on),
# and in the same run against GET /health as the server's floor. Prints req/s, p50/p99 and the
# server's RSS. wrk runs on the same machine, so it takes some of the CPU the server could use.
# Usage: bench/load.sh            (CONNECTIONS=64 DURATION=15s THREADS=1 PORT=8181 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${CONNECTIONS:-64}
duration=${DURATION:-15s}
threads=${THREADS:-1}
port=${PORT:-8181}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

swift build -c release --product moderate >&2
moderate=$PWD/.build/release/moderate
work=$(mktemp -d)
db=$work/bench.sqlite
"$moderate" school init examples/school.json --db "$db" --actor bench >/dev/null
"$moderate" pupils import examples/roster.csv --db "$db" --actor bench >/dev/null
token=$("$moderate" staff token issue t-devries --db "$db" --actor bench 2>/dev/null)

# wrk cycles through 500 different posts for groep-5b.
python3 bench/make_posts.py 500 | python3 -c '
import json, sys
token = sys.argv[1]
bodies = []
for line in sys.stdin:
    post = json.loads(line)
    post["group"] = "groep-5b"
    bodies.append(json.dumps(post, ensure_ascii=False))
print("local bodies = {")
for body in bodies:
    print("  " + json.dumps(body, ensure_ascii=False) + ",")
print("}")
print("local headers = {[\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"Bearer " + token + "\"}")
print("local counter = 0")
print("request = function()")
print("  counter = counter % #bodies + 1")
print("  return wrk.format(\"POST\", \"/v1/check\", headers, bodies[counter])")
print("end")
' "$token" > "$work/check.lua"

"$moderate" serve --db "$db" --port "$port" --log-level warning 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

# A correct answer first: the check must work, not just answer fast.
status=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data '{"group": "groep-5b", "text": "Bel gerust de moeder van Sem op 06-12345678."}' "http://127.0.0.1:$port/v1/check")
[ "$status" = 200 ] && grep -q '"verdict":"block"' "$work/answer.json" || { echo "check failed ($status): $(cat "$work/answer.json")" >&2; exit 1; }

rss() { awk '/^VmRSS|^VmHWM/ {printf "%s %.1f MB  ", $1, $2 / 1024}' "/proc/$server/status"; echo; }
echo "server idle: $(rss)"
summary() {
  awk -v name="$1" '
    /Requests\/sec/ {rps = $2}
    /^ +50%/ {p50 = $2}
    /^ +99%/ {p99 = $2}
    /Non-2xx/ {errors = $NF}
    END {printf "%-14s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n", name, rps, p50, p99, (errors == "" ? 0 : errors)}'
}
wrk -t"$threads" -c"$connections" -d3s "http://127.0.0.1:$port/health" >/dev/null   # warm-up
wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/health" > "$work/health.txt"
wrk -t"$threads" -c"$connections" -d3s -s "$work/check.lua" "http://127.0.0.1:$port/v1/check" >/dev/null   # warm-up
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/check.lua" "http://127.0.0.1:$port/v1/check" > "$work/check.txt"
echo "wrk: $threads threads, $connections connections, $duration each, $(nproc) cores shared by wrk and the server"
summary "GET /health" < "$work/health.txt"
summary "POST /v1/check" < "$work/check.txt"
echo "server after load: $(rss)"
