#!/usr/bin/env bash
# Call setups through `parley server` as a stateful proxy and, in the same run, through Kamailio
# (the reference proxy of ../shared/bench/sip), with the shared sipp driver: a sipp callee
# registers as 'callee', a sipp caller sends INVITE -> 180 -> 200 -> ACK -> BYE through the server
# at rising rates. Writes both results.tsv files and prints max_calls_per_s for each.
#
#   bench/sip/calls-vs-kamailio.sh [SHARED_BENCH_DIR]
#
# SHARED_BENCH_DIR defaults to /work/shared/bench/sip (run.sh, kamailio.sh, uac/uas-call.xml).
# Parley runs as parley-server.sh provisions it, plus --proxy-auth off: the benchmark's caller
# (From sip:caller@127.0.0.1) answers no 407, and Kamailio's benchmark configuration does not
# authenticate INVITEs either, so both do the same work. The callee's REGISTER is authenticated.
# Environment: PARLEY_HTTP, CALL_RATES, STEP_SECS (passed to run.sh), PARLEY_JAVA_OPTS, WARMUP, WARMUP_CALL_RATES, WARMUP_SECS, SETTLE_MAX_SECS, SKIP_KAMAILIO=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${1:-/work/shared/bench/sip}"
RUN_DIR="$(mktemp -d /tmp/parley-bench.XXXXXX)"
export CALL_RATES="${CALL_RATES:-500 1000 2000 2500 3000 3500 4000 5000 6000}"
export STEP_SECS="${STEP_SECS:-5}"
export SKIP_REGISTER=1

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
parley_start --proxy-auth off

# JIT warm-up before the measured ladder (Kamailio, compiled ahead of time, needs none): HotSpot's
# one C2 thread compiles for minutes on two cores, so the calls climb through WARMUP_CALL_RATES
# ("100 300 600 1000"), WARMUP_SECS (10) each, then go on at the last of them until the compiler
# has settled (parley_settle); the shared driver registers the callee again for the measured run.
# WARMUP=0 skips it.
warm_calls() {
	CALL_RATES="$1" STEP_SECS="${WARMUP_SECS:-10}" OUT_DIR="$RUN_DIR/parley-warmup" SERVER_COMM=java \
		"$SHARED/run.sh" 127.0.0.1:5060 parley-warmup >/dev/null 2>&1 || true
}
WARMUP_CALL_RATES="${WARMUP_CALL_RATES:-100 300 600 1000}"
if [[ "${WARMUP:-1}" == 1 ]]; then
	warm_calls "$WARMUP_CALL_RATES"
	parley_settle warm_calls "${WARMUP_CALL_RATES##* }"
fi

OUT_DIR="$RUN_DIR/parley" SERVER_COMM=java "$SHARED/run.sh" 127.0.0.1:5060 parley | tee "$RUN_DIR/parley.txt"
curl -s "http://$PARLEY_HTTP/metrics" >"$RUN_DIR/parley.metrics" || true
parley_stop

if [[ "${SKIP_KAMAILIO:-0}" != 1 ]] && { command -v kamailio >/dev/null || [[ -x /usr/sbin/kamailio ]]; }; then
	"$SHARED/kamailio.sh" start
	OUT_DIR="$RUN_DIR/kamailio" SERVER_COMM=kamailio "$SHARED/run.sh" 127.0.0.1:5080 kamailio | tee "$RUN_DIR/kamailio.txt"
	"$SHARED/kamailio.sh" stop
else
	echo "kamailio not run (missing, or SKIP_KAMAILIO=1): Parley measured alone" >&2
fi
for label in parley kamailio; do
	[[ -f "$RUN_DIR/$label.txt" ]] && echo "$label: $(grep -o 'max_calls_per_s=[0-9]*' "$RUN_DIR/$label.txt" | tail -1)"
done
echo "results under $RUN_DIR"
