#!/usr/bin/env bash
# REGISTER with digest auth at rising rates against `parley server` and, in the same run, against
# Kamailio (the reference registrar of ../shared/bench/sip), with the shared benchmark driver
# (sipp). Writes both results.tsv files and prints the max rates.
#
#   bench/sip/register-vs-kamailio.sh [SHARED_BENCH_DIR]
#
# SHARED_BENCH_DIR defaults to /work/shared/bench/sip (run.sh, kamailio.sh, users.csv).
# Parley runs with its defaults except: MD5 challenges only (sipp 3.6 answers no SHA-256),
# SIP on 127.0.0.1:5060, HTTP on 127.0.0.1:18080, a fresh data directory holding user0000..user0999
# and callee with password 'secret' (written straight into the embedded H2 store, hashes only).
# Environment: REG_RATES, STEP_SECS (passed to run.sh), PARLEY_JAVA_OPTS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${1:-/work/shared/bench/sip}"
RUN_DIR="$(mktemp -d /tmp/parley-bench.XXXXXX)"
export REG_RATES="${REG_RATES:-500 1000 2000 4000 6000 8000 10000 12000}"
export STEP_SECS="${STEP_SECS:-5}"
export SKIP_CALLS=1

[[ -x "$SHARED/run.sh" ]] || { echo "no benchmark driver at $SHARED/run.sh" >&2; exit 1; }
command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 1; }

JAR="$(ls "$ROOT"/proxy/target/proxy-*.jar 2>/dev/null | grep -v -- -tests | head -n 1 || true)"
[[ -n "$JAR" && -d "$ROOT/proxy/target/lib" ]] || { echo "proxy is not built: run ./parley build" >&2; exit 1; }
CP="$JAR:$ROOT/proxy/target/lib/*"
DATA="$RUN_DIR/data"

# The schema and one account through the real command, then the 1000 bench users in one script.
echo secret | java -cp "$CP" dev.parley.proxy.cli.UserCommand add callee --password-stdin --data "$DATA" >/dev/null
python3 - "$RUN_DIR/users.sql" <<'PY'
import hashlib, sys, time
now = int(time.time() * 1000)
with open(sys.argv[1], "w") as out:
    for i in range(1000):
        u = "user%04d" % i
        a1 = ("%s:localhost:secret" % u).encode()
        out.write("INSERT INTO parley_account (username, realm, ha1_md5, ha1_sha256, created_at) VALUES "
                  "('%s', 'localhost', '%s', '%s', %d);\n"
                  % (u, hashlib.md5(a1).hexdigest(), hashlib.sha256(a1).hexdigest(), now))
PY
java -cp "$CP" org.h2.tools.RunScript -url "jdbc:h2:file:$DATA/parley" -script "$RUN_DIR/users.sql"

server_pid=""
cleanup() {
	[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	"$SHARED/kamailio.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

# shellcheck disable=SC2086
java ${PARLEY_JAVA_OPTS:-} -cp "$CP" dev.parley.proxy.cli.ServerCommand --data "$DATA" \
	--sip-listen 127.0.0.1:5060 --http 127.0.0.1:18080 --digest-algorithms MD5 \
	>"$RUN_DIR/parley.out" 2>"$RUN_DIR/parley.err" &
server_pid=$!
for _ in $(seq 1 60); do grep -q 'listening on http' "$RUN_DIR/parley.out" 2>/dev/null && break; sleep 0.5; done
grep -q 'listening on http' "$RUN_DIR/parley.out" || { cat "$RUN_DIR/parley.err" >&2; exit 1; }

# JIT warm-up: 10 s of registrations at a low rate before the measured ladder (Kamailio, compiled
# ahead of time, needs none).
(cd "$RUN_DIR" && timeout 30 sipp 127.0.0.1:5060 -sf "$SHARED/register-auth.xml" -inf "$SHARED/users.csv" \
	-r 200 -m 2000 -i 127.0.0.1 -p 5072 -nostdin >/dev/null 2>&1) || true

OUT_DIR="$RUN_DIR/parley" SERVER_COMM=java "$SHARED/run.sh" 127.0.0.1:5060 parley | tee "$RUN_DIR/parley.txt"
curl -s http://127.0.0.1:18080/metrics >"$RUN_DIR/parley.metrics" || true
kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
server_pid=""

if command -v kamailio >/dev/null || [[ -x /usr/sbin/kamailio ]]; then
	"$SHARED/kamailio.sh" start
	OUT_DIR="$RUN_DIR/kamailio" SERVER_COMM=kamailio "$SHARED/run.sh" 127.0.0.1:5080 kamailio | tee "$RUN_DIR/kamailio.txt"
	"$SHARED/kamailio.sh" stop
else
	echo "kamailio missing (apt-get install kamailio): Parley measured alone" >&2
fi
echo "results under $RUN_DIR"
