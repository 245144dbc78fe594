#!/bin/sh
# Opus mixing benchmark: the most Opus participants `parley mixer` mixes in real time, in rooms of
# 10. Each step makes ROOMS rooms of 10 Opus endpoints (bench/rtp/parley-mixer-hook.py with
# ENDPOINT_KIND=audio ENDPOINT_CODEC=opus), runs the Java load (dev.parley.bench.mix.OpusMixLoad:
# pre-encoded Opus tones, 50 packets/s per participant, each participant's mix packets counted)
# and reads the mixer's /metrics over the measured window. A step passes when no mix ran more
# than 5 ms late (parley_mixer_mix_ticks_late_total did not move), mixes ran (one per room every
# 20 ms, at least 99 % of them) and the participants received at least 99 % of their 50 mix
# packets per second, and the load driver kept to its schedule (the p99 of how late it sent a
# packet is under MAX_LAG_MS, 20 ms: one packet interval; with the mixer's workers SCHED_FIFO the
# driver, not the mixer, is the one that waits for a CPU). The ramp stops at the first step
# that fails.
#
#   ./mvnw -B -ntp -q package -pl mixer,bench -am -DskipTests
#   bench/mix/opus-ramp.sh                          # ROOMS_LADDER="1 2 5 10 15 20 30 40 50 60 80 100"
#   ROOMS_LADDER="1 2" STEP_SECS=4 bench/mix/opus-ramp.sh      # a smoke run
#
# Environment: ROOMS_LADDER, STEP_SECS (10), WARMUP_SECS (3), MIXER_WORKERS (2), MIXER_IO (the
# mixer's default), MIXER_OPUS (the mixer's default, libopus where it loads; concentus to compare),
# WARM_ROOMS (3), WARM_SECS (20), MAX_LAG_MS (20), MIXER_FLAGS (more mixer options, e.g. "--realtime-priority 10" for SCHED_FIFO workers),
# MIXER_CONTROL_PORT (9190), MIX_BASE (20000, the mixer's ports), LOAD_BASE
# (10000, the participants' ports), OUT (a results directory; default /tmp/opusmix/<time>).
# Prints one table row per step and ends with max_participants=...; results.tsv in OUT.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
LADDER=${ROOMS_LADDER:-"1 2 5 10 15 20 30 40 50 60 80 100"}
STEP_SECS=${STEP_SECS:-10}
WARMUP_SECS=${WARMUP_SECS:-3}
OUT=${OUT:-/tmp/opusmix/$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
export STATE_DIR="$OUT/state" ENDPOINT_KIND=audio ENDPOINT_CODEC=opus RELAY_BASE="${MIX_BASE:-20000}"
export LOAD_BASE="${LOAD_BASE:-10000}" LOAD_ADDR=127.0.0.1 MIXER_CONTROL_PORT="${MIXER_CONTROL_PORT:-9190}"
export PARLEY_HOME="$root"
hook() { python3 "$root/bench/rtp/parley-mixer-hook.py" "$@"; }
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -B -ntp -q package -pl mixer,bench -am -DskipTests" >&2; exit 1; }

trap 'hook stop' EXIT INT TERM
hook start
pid=$(hook pids)
best=0
printf 'rooms\tparticipants\trx_pct\tworst_pps\tticks\tlate_ticks\tmixer_cpu_pct\tdriver_cpu_pct\tsend_lag_p99_us\tverdict\n' | tee "$OUT/results.tsv"
# load PORTS SECS WARMUP: the Java load on the rooms of PORTS; prints its one result line.
load() {
	java -cp "$jar" dev.parley.bench.mix.OpusMixLoad "$1" 10 "$2" \
		--warmup "$3" --local-base "$LOAD_BASE" --pid "$pid" \
		--metrics "http://127.0.0.1:$MIXER_CONTROL_PORT/metrics" --token-file "$STATE_DIR/token"
}
# JIT warm-up: WARM_ROOMS (3) rooms for WARM_SECS (20), not measured. On a cold mixer the first
# step's mixes ran late while the codec and mixing code were still being compiled, with or without
# SCHED_FIFO. WARM_SECS=0 skips it.
if [ "${WARM_SECS:-20}" -gt 0 ]; then
	hook setup "${WARM_ROOMS:-3}" 10 >"$OUT/ports-warm"
	load "$OUT/ports-warm" "${WARM_SECS:-20}" 1 >"$OUT/warm.txt" || true
	hook teardown
fi
for rooms in $LADDER; do
	hook setup "$rooms" 10 >"$OUT/ports-$rooms"
	line=$(load "$OUT/ports-$rooms" "$STEP_SECS" "$WARMUP_SECS")
	hook teardown
	echo "$line" >>"$OUT/steps.txt"
	row=$(echo "$line" | awk -v rooms="$rooms" -v max_lag_us="$((${MAX_LAG_MS:-20} * 1000))" '{
		for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		want = rooms * v["window_s"] * 50
		verdict = "pass"
		if (v["send_lag_p99_us"] > max_lag_us) verdict = "fail: driver behind"
		else if (v["late_ticks"] > 0) verdict = "fail: late ticks"
		else if (v["ticks"] < 0.99 * want) verdict = "fail: mixes missing"
		else if (v["rx_pct"] < 99) verdict = "fail: received < 99 %"
		printf "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rooms, v["participants"], v["rx_pct"], v["worst_pps"],
			v["ticks"], v["late_ticks"], v["mixer_cpu_pct"], v["driver_cpu_pct"], v["send_lag_p99_us"], verdict
	}')
	echo "$row" | tee -a "$OUT/results.tsv"
	case "$row" in
	*pass) best=$((rooms * 10)) ;;
	*) break ;;
	esac
done
opus=$(grep -o 'opus=[a-z]*' "$STATE_DIR/mixer.log" | head -1 || true)
realtime=$(sed -n 's/.*realtime: \(SCHED_FIFO priority [0-9]*\)\( refused\)\{0,1\}.*/, \1\2/p' "$STATE_DIR/mixer.log" | head -1)
echo "max_participants=$best (rooms of 10, Opus, mixer $opus$realtime; results in $OUT)"
