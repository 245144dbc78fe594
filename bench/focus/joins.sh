#!/usr/bin/env bash
# Conference joins through `parley server` (the focus and the mixer it starts): ROOMS rooms
# (default 100) created through the factory URI by their hosts, then ROOMS x (SIZE-1) more
# participants (default 10 a room) joining by room id with an SDP offer at JOIN_RATE a second.
# Each INVITE is digest-authenticated (407, then the INVITE again). Prints joins per second and
# the p50/p99 of the authenticated INVITE -> 200 OK, which includes the mixer allocation.
#
#   bench/focus/joins.sh            # ROOMS=100 SIZE=10 JOIN_RATE=200 HOLD_SECS=20 WARMUP_PASSES=2
#
# Needs sipp (apt-get install sip-tester) and a built tree (./parley build). Raw sipp output
# stays in the run directory it prints. The participants send no RTP: this measures signalling
# and allocation, not mixing (see BENCHMARKS.md for the mixer's own benchmark).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$(mktemp -d /tmp/parley-joins.XXXXXX)"
ROOMS="${ROOMS:-100}"
SIZE="${SIZE:-10}"
JOIN_RATE="${JOIN_RATE:-200}"
HOLD_SECS="${HOLD_SECS:-20}"
SCENARIO="$ROOT/bench/focus/conference-join.xml"
JOINERS=$((ROOMS * (SIZE - 1)))
((ROOMS + JOINERS <= 1000)) || { echo "at most 1000 participants (user0000..user0999)" >&2; exit 2; }
command -v sipp >/dev/null || { echo "sipp missing: apt-get install sip-tester" >&2; exit 1; }
# shellcheck source=../sip/parley-server.sh
source "$ROOT/bench/sip/parley-server.sh"

hosts_pid=""
cleanup() {
	# The hosts' sipp may have ended already; the server must be stopped either way.
	if [[ -n "$hosts_pid" ]]; then kill "$hosts_pid" 2>/dev/null || true; fi
	parley_stop
}
trap cleanup EXIT

inf() { # inf FIRST COUNT TARGET...: sipp injection lines for users FIRST.. on the given targets
	local first=$1 count=$2
	shift 2
	local targets=("$@")
	echo SEQUENTIAL
	for ((k = 0; k < count; k++)); do
		local u
		u=$(printf 'user%04d' $((first + k)))
		echo "$u;[authentication username=$u password=secret];${targets[k % ${#targets[@]}]}"
	done
}

sipp_run() { # sipp_run DIR CALLS RATE HOLD_MS: one sipp instance on DIR/inf.csv
	(cd "$1" && exec sipp 127.0.0.1:5060 -sf "$SCENARIO" -inf inf.csv -m "$2" -r "$3" -d "$4" \
		-i 127.0.0.1 -p 0 -t u1 -l 2000 -timeout 300s -nostdin \
		-trace_err -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 1 >sipp.out 2>&1)
}

rtt_stats() { # "n p50_ms p99_ms span_s" of a sipp -trace_rtt file
	python3 - "$1" <<'PY'
import sys
rows = [l.strip().split(";") for l in open(sys.argv[1]) if l.strip()][1:]
rows = [(float(r[0]), float(r[1])) for r in rows if len(r) > 1 and r[1]]
if not rows:
    print("0 - - 0"); sys.exit()
t = sorted(r[1] for r in rows)
pick = lambda q: t[min(len(t) - 1, (len(t) * q + 99) // 100 - 1)]
span = (max(r[0] for r in rows) - min(r[0] - r[1] for r in rows)) / 1000
print(len(t), "%.2f" % pick(50), "%.2f" % pick(99), "%.3f" % span)
PY
}

echo "joins: provisioning and starting parley server (run directory $RUN_DIR)"
parley_provision
parley_start
# room_ids: the ids of the live rooms, one a line (GET /conferences).
room_ids() {
	curl -s "http://$PARLEY_HTTP/conferences" |
		python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(sys.stdin)["conferences"]))'
}
# join_pass DIR HOSTS_HOLD_SECS JOIN_HOLD_SECS: the hosts make ROOMS rooms and stay for
# HOSTS_HOLD_SECS; once all exist the joiners join at JOIN_RATE and stay JOIN_HOLD_SECS each.
# Returns when the joiners' sipp has ended (the hosts' runs on as $hosts_pid).
join_pass() {
	local dir=$1 hosts_hold=$2 join_hold=$3 rooms=() targets=() r k
	mkdir -p "$dir/hosts" "$dir/joiners"
	inf 0 "$ROOMS" conference >"$dir/hosts/inf.csv"
	sipp_run "$dir/hosts" "$ROOMS" 50 $((hosts_hold * 1000)) &
	hosts_pid=$!
	for _ in $(seq 1 120); do
		mapfile -t rooms < <(room_ids)
		((${#rooms[@]} >= ROOMS)) && break
		sleep 0.5
	done
	((${#rooms[@]} >= ROOMS)) || { echo "only ${#rooms[@]} of $ROOMS rooms were created" >&2; exit 1; }
	echo "joins: $ROOMS rooms created; $JOINERS participants join at $JOIN_RATE/s ($dir)"
	# Room-major: the first SIZE-1 joiners go to the first room, and so on.
	for r in "${rooms[@]}"; do for ((k = 1; k < SIZE; k++)); do targets+=("$r"); done; done
	inf "$ROOMS" "$JOINERS" "${targets[@]}" >"$dir/joiners/inf.csv"
	sipp_run "$dir/joiners" "$JOINERS" "$JOIN_RATE" $((join_hold * 1000)) || true
}

# JIT warm-up (as for the REGISTER and call benchmarks): WARMUP_PASSES (2) whole passes of the
# same joins, each left by all (the hosts hang up last and the rooms close), before the measured
# one. A join's code runs a few times per join, so a cold server's first thousand joins run in
# the interpreter and wait for the compiler: at 200/s the first pass's p50 was a second, the
# second pass's 4 ms. WARMUP_PASSES=0 measures the cold server.
for ((pass = 1; pass <= ${WARMUP_PASSES:-2}; pass++)); do
	join_pass "$RUN_DIR/warmup$pass" $((JOINERS / JOIN_RATE + 8)) 2
	wait "$hosts_pid" || true
	hosts_pid=""
	for _ in $(seq 1 120); do
		[[ -z "$(room_ids)" ]] && break
		sleep 0.5
	done
	read -r n p50 p99 span <<<"$(rtt_stats "$(ls "$RUN_DIR/warmup$pass"/joiners/*_rtt.csv | head -1)")"
	echo "joins: warm-up pass $pass: $n joins, p50 ${p50} ms, p99 ${p99} ms"
done
join_pass "$RUN_DIR" $((HOLD_SECS + 120)) "$HOLD_SECS"
read -r n p50 p99 span <<<"$(rtt_stats "$(ls "$RUN_DIR"/joiners/*_rtt.csv | head -1)")"
failed=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i; next }
	{ last = $c } END { print last + 0 }' "$RUN_DIR"/joiners/stat.csv)
rate=$(python3 -c "print('%.0f' % ($n / $span) if $span > 0 else 0)")
printf 'joins=%s failed=%s achieved_per_s=%s p50_ms=%s p99_ms=%s (target %s/s, %s rooms of %s)\n' \
	"$n" "$failed" "$rate" "$p50" "$p99" "$JOIN_RATE" "$ROOMS" "$SIZE" | tee "$RUN_DIR/result.txt"
