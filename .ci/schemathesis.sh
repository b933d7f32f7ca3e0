#!/usr/bin/env bash
# A bounded schemathesis run against the OpenAPI document, once per role, with every check on:
# the document must say what the server does (issue 8). Needs the built `moderate` and a venv with
# schemathesis (see .ci/run). Usage: .ci/schemathesis.sh VENV [MAX_EXAMPLES]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$1
examples=${2:-25}
moderate=$(swift build --show-bin-path)/moderate
work=$(mktemp -d)
db=$work/st.sqlite
"$moderate" school init examples/school.json --db "$db" --actor ci >/dev/null
"$moderate" pupils import examples/roster.csv --db "$db" --actor ci >/dev/null
port=${PORT:-18099}
"$moderate" serve --db "$db" --port "$port" --log-level error &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done

for subject in ${SUBJECTS:-t-devries d-bos a-smit o-004}; do
    token=$("$moderate" staff token issue "$subject" --db "$db" --actor ci 2>/dev/null)
    echo "schemathesis as $subject"
    "$venv/bin/schemathesis" --config-file .ci/schemathesis.toml --no-color run "http://127.0.0.1:$port/openapi.yaml" \
        --checks all --header "Authorization: Bearer $token" --max-examples "$examples" --seed 1 \
        --request-timeout 10 --workers 1 2>&1 | tail -n 150
done
echo "schemathesis: clean for every role"
