#!/usr/bin/env bash
# The mixer's forwarding cost per packet, in figures that do not depend on how busy the host is:
# bytes allocated by the worker threads, system calls made by them, and GCs, each per forwarded
# packet, over a fixed light load. Used to compare data-path changes on a shared host, where
# latency and throughput runs are noise; the latency/throughput figures come from run.sh.
#
#   bench/rtp/mixer-cost.sh [ROOMS] [SECS]        # defaults: 40 rooms of 2, 10 s per phase
#
# Starts `parley mixer` from mixer/target through parley-mixer-hook.py on ports of its own
# (control 9391, media 33000.., driver 31000..; build first: ./mvnw -B -ntp -q package -pl mixer
# -am -DskipTests), sets up ROOMS rooms of 2 video endpoints and runs the shared load driver
# (/work/shared/bench/rtp/load.c, or LOAD_C) at 50 packets/s per participant. After a 5 s
# warm-up (latching, JIT), two phases of SECS each:
#   1. allocation: the worker threads' allocated bytes (jcmd Thread.print -e) and the young/full
#      GC count (jstat) before and after, against packets forwarded (/metrics rtp out); also the
#      worker threads' CPU time (/proc, 10 ms ticks) per packet, which a busy host does disturb
#      (caches, frequency), so it shows a direction only;
#   2. system calls: perf stat on the syscall tracepoints of the worker threads only (strace
#      would slow them and change the batching), against packets forwarded.
# PARLEY_JAVA_OPTS and MIXER_IO pass through to the mixer. Prints one key=value line.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${PARLEY_HOME:-$(cd "$HERE/../.." && pwd)}" # the tree whose mixer/target runs
ROOMS="${1:-40}"
SECS="${2:-10}"
WARMUP=5
OUT="${OUT_DIR:-$(mktemp -d /tmp/mixer-cost.XXXX)}"
LOAD_C="${LOAD_C:-/work/shared/bench/rtp/load.c}"
export STATE_DIR="$OUT/state" MIXER_CONTROL_PORT="${MIXER_CONTROL_PORT:-9391}" PARLEY_HOME="$ROOT"
export RELAY_BASE="${RELAY_BASE:-33000}" LOAD_BASE="${LOAD_BASE:-31000}" LOAD_ADDR=127.0.0.1
HOOK="$HERE/parley-mixer-hook.py"
mkdir -p "$OUT"
cc -O2 -Wall -pthread -o "$OUT/load" "$LOAD_C"

"$HOOK" start
trap '"$HOOK" stop >/dev/null 2>&1 || true' EXIT
PID="$(cat "$STATE_DIR/mixer.pid")"
kill -0 "$PID" || { echo "the mixer exited: $STATE_DIR/mixer.log" >&2; exit 1; }
"$HOOK" setup "$ROOMS" 2 >"$OUT/ports"

rtp_out() {
	curl -s -H "Authorization: Bearer bench-token" "http://127.0.0.1:$MIXER_CONTROL_PORT/metrics" |
		awk '/^parley_mixer_packets_out_total\{protocol="rtp"\}/ { print $2 }'
}
# Sum of allocated bytes over the worker threads.
worker_alloc() {
	jcmd "$PID" Thread.print -e | awk '/^"mixer-worker/ { for (i = 1; i <= NF; i++) if ($i ~ /^allocated=/) {
		v = $i; sub(/allocated=/, "", v); u = substr(v, length(v)); v = substr(v, 1, length(v) - 1)
		s += v * (u == "K" ? 1024 : u == "M" ? 1048576 : u == "G" ? 1073741824 : 1) } } END { printf "%.0f\n", s }'
}
gcs() { jstat -gc "$PID" | awk 'NR == 2 { for (i = 1; i <= NF; i++) if (h[i] == "YGC" || h[i] == "FGC") s += $i; print s } NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i }'; }
worker_tids() {
	local nid
	for nid in $(jcmd "$PID" Thread.print | sed -n 's/^"mixer-worker.* nid=\(0x[0-9a-f]*\) .*/\1/p'); do
		printf '%d\n' "$nid"
	done
}

"$OUT/load" -f "$OUT/ports" -n 2 -P "$LOAD_BASE" -T 1 -w "$WARMUP" -d $((2 * SECS + 2)) -c "$PID" \
	>"$OUT/load.out" 2>"$OUT/load.err" &
LOADPID=$!
sleep "$WARMUP"

# Clock ticks (utime + stime) of the worker threads.
worker_cpu() {
	local t s=0
	for t in $(worker_tids); do
		s=$((s + $(awk '{ print $14 + $15 }' "/proc/$PID/task/$t/stat")))
	done
	echo "$s"
}
out0="$(rtp_out)" alloc0="$(worker_alloc)" gc0="$(gcs)" cpu0="$(worker_cpu)"
sleep "$SECS"
out1="$(rtp_out)" alloc1="$(worker_alloc)" gc1="$(gcs)" cpu1="$(worker_cpu)"

CALLS="epoll_wait epoll_pwait epoll_pwait2 recvmmsg recvmsg recvfrom sendmmsg sendmsg sendto getsockopt setsockopt epoll_ctl timerfd_settime read write futex"
events="raw_syscalls:sys_enter"
for c in $CALLS; do events="$events,syscalls:sys_enter_$c"; done
tids="$(worker_tids | paste -sd,)"
out2="$(rtp_out)"
perf stat -x, -e "$events" -t "$tids" -o "$OUT/perf.txt" -- sleep "$SECS"
out3="$(rtp_out)"
wait "$LOADPID" || true

awk -F, -v ROOMS="$ROOMS" -v o0="$out0" -v o1="$out1" -v a0="$alloc0" -v a1="$alloc1" -v g0="$gc0" -v g1="$gc1" \
	-v c0="$cpu0" -v c1="$cpu1" -v HZ="$(getconf CLK_TCK)" \
	-v o2="$out2" -v o3="$out3" -v OUTD="$OUT" '
	$3 == "raw_syscalls:sys_enter" { total = $1 }
	$3 ~ /^syscalls:sys_enter_/ && $1 + 0 > 0 { name = $3; sub(/.*sys_enter_/, "", name); calls[name] = $1 }
	END {
		fwd = o1 - o0; sfwd = o3 - o2
		printf "rooms=%d forwarded=%d bytes_per_packet=%.1f gcs=%d gcs_per_million=%.2f worker_cpu_us_per_packet=%.2f syscall_forwarded=%d syscalls_per_packet=%.3f",
			ROOMS, fwd, (a1 - a0) / fwd, g1 - g0, (g1 - g0) * 1e6 / fwd, (c1 - c0) * 1e6 / HZ / fwd, sfwd, total / sfwd
		for (c in calls) printf " %s=%.3f", c, calls[c] / sfwd
		printf " out=%s\n", OUTD
	}' "$OUT/perf.txt"
grep -E 'loss|p50' "$OUT/load.err" | head -3 >&2 || true
