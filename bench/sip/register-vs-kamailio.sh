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
# and callee with password 'secret' (parley-server.sh, through `parley user import`).
# Environment: PARLEY_HTTP, REG_RATES, STEP_SECS (passed to run.sh), PARLEY_JAVA_OPTS, WARMUP_RATES,
# WARMUP_SECS, SETTLE_RATE, SETTLE_MAX_SECS (below), SKIP_KAMAILIO=1 (Parley alone, to compare its own settings).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${1:-/work/shared/bench/sip}"
RUN_DIR="$(mktemp -d /tmp/parley-bench.XXXXXX)"
export REG_RATES="${REG_RATES:-500 1000 2000 4000 6000 8000 9000 10000 11000 12000 13000 14000}"
export STEP_SECS="${STEP_SECS:-5}"
export SKIP_CALLS=1

[[ -x "$SHARED/run.sh" ]] || { echo "no benchmark driver at $SHARED/run.sh" >&2; exit 1; }
command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 1; }

# shellcheck source=parley-server.sh
source "$ROOT/bench/sip/parley-server.sh"

cleanup() {
	parley_stop
	"$SHARED/kamailio.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

parley_provision
parley_start

# JIT warm-up before the measured ladder (Kamailio, compiled ahead of time, needs none). On two
# cores HotSpot's one C2 thread compiles for minutes, and a cold server given 1,000 REGISTERs/s
# falls seconds behind, so the warm-up climbs: WARMUP_SECS (15) at each of WARMUP_RATES ("200 500
# 1000 2000"), then SETTLE_RATE (5000) in chunks of WARMUP_SECS until the compiler has settled
# (parley_settle), the way a server that has run for a while meets the ladder. WARMUP_RATES=""
# skips it all.
WARMUP_RATES="${WARMUP_RATES-200 500 1000 2000}"
WARMUP_SECS="${WARMUP_SECS:-15}"
warm_register() {
	(cd "$RUN_DIR" && timeout $((WARMUP_SECS + 20)) sipp 127.0.0.1:5060 -sf "$SHARED/register-auth.xml" \
		-inf "$SHARED/users.csv" -r "$1" -m $(($1 * WARMUP_SECS)) -i 127.0.0.1 -p 5072 \
		-nostdin >/dev/null 2>&1) || true
}
for rate in $WARMUP_RATES; do
	warm_register "$rate"
done
[[ -n "$WARMUP_RATES" ]] && parley_settle warm_register "${SETTLE_RATE:-5000}"

OUT_DIR="$RUN_DIR/parley" SERVER_COMM=java "$SHARED/run.sh" 127.0.0.1:5060 parley | tee "$RUN_DIR/parley.txt"
curl -s "http://$PARLEY_HTTP/metrics" >"$RUN_DIR/parley.metrics" || true
parley_stop

if [[ "${SKIP_KAMAILIO:-0}" == 1 ]]; then
	echo "SKIP_KAMAILIO=1: Parley measured alone" >&2
elif command -v kamailio >/dev/null || [[ -x /usr/sbin/kamailio ]]; then
	"$SHARED/kamailio.sh" start
	OUT_DIR="$RUN_DIR/kamailio" SERVER_COMM=kamailio "$SHARED/run.sh" 127.0.0.1:5080 kamailio | tee "$RUN_DIR/kamailio.txt"
	"$SHARED/kamailio.sh" stop
else
	echo "kamailio missing (apt-get install kamailio): Parley measured alone" >&2
fi
echo "results under $RUN_DIR"
