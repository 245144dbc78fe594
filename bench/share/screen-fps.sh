#!/usr/bin/env bash
# Issue 6's screen-share goal, measured: "at least 1080p at 10 fps with text readable".
#
# Starts a real `parley server` (bench/sip/parley-server.sh: SIP on 127.0.0.1:5060, HTTP on
# PARLEY_HTTP or 127.0.0.1:18080) and two real `parley console` agents: Bob, the presenter, on a
# private 1920x1080 Xvfb that shows bench/share/Ticker.java (a counter, a paragraph and a scrolling
# log redrawn every 50 ms), and Alice, the viewer, with --record-video. Alice creates a meeting,
# Bob joins and types `share screen`; after WINDOW_SECS (default 25) of sharing Bob stops, and both
# leave. Reports the received slides resolution, the pictures Alice decoded per second between her
# first slides picture and Bob's stop (from her "SLIDES stream ended: ... decoded N pictures" log
# line), the rate of her 1st..31st picture (the PNG times), what Bob captured and sent per second,
# Bob's CPU over the window, the load average, and one received picture to judge the text by:
# RUN_DIR/received-slides.png. Needs `./parley build` and xvfb-run. BOB_JAVA_OPTS and
# ALICE_JAVA_OPTS go to the consoles' JVMs (e.g. -XX:StartFlightRecording=filename=bob.jfr).
#
#   bench/share/screen-fps.sh                    # WINDOW_SECS=25
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WINDOW_SECS="${WINDOW_SECS:-25}"
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/parley-screen-fps.XXXXXX")"
# shellcheck source=../sip/parley-server.sh
source "$ROOT/bench/sip/parley-server.sh"
UA_JAR="$(ls "$ROOT"/ua-desktop/target/ua-desktop-*.jar 2>/dev/null | grep -v -- -tests | head -n 1 || true)"
[[ -n "$UA_JAR" && -d "$ROOT/ua-desktop/target/lib" ]] || { echo "ua-desktop is not built: run ./parley build" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }
UA_CP="$UA_JAR:$ROOT/ua-desktop/target/lib/*"
export PARLEY_HOME="$ROOT" # the server finds the mixer's jar there

alice_pid="" bob_pid=""
cleanup() {
	exec 3>&- 4>&-
	for p in $alice_pid $bob_pid; do # a bare `wait` would wait for the server too
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true
	done
	parley_stop
}
trap cleanup EXIT

# await FILE REGEX [SECS]: waits until a line of FILE matches; prints the first match.
await() {
	local file="$1" re="$2" secs="${3:-30}"
	for _ in $(seq 1 $((secs * 10))); do
		grep -m1 -E "$re" "$file" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "timed out waiting for /$re/ in $file; its stderr:" >&2
	tail -n 20 "${file%.out}.err" >&2 || true
	exit 1
}
# Host-wide UDP receive-buffer overflows (kernel drops before any socket reads): Udp RcvbufErrors.
rcvbuf_errors() { awk '$1 == "Udp:" && $2 ~ /^[0-9]/ { print $6 }' /proc/net/snmp; }
# udp_drops PID: datagrams dropped on the UDP sockets of process PID (/proc/net/udp's drops column).
udp_drops() {
	local inodes
	inodes="$(ls -l "/proc/$1/fd" 2>/dev/null | grep -o 'socket:\[[0-9]*\]' | tr -dc '0-9\n' | paste -sd' ' || true)"
	awk -v list="$inodes" 'BEGIN { n = split(list, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
		FNR > 1 && ($10 in want) { d += $NF } END { print d + 0 }' /proc/net/udp /proc/net/udp6
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
now() { date +%s.%N; }

echo "run dir: $RUN_DIR"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'alice alice-pw\nbob bob-pw\n' >"$RUN_DIR/users.txt"
java -cp "$CP" dev.parley.proxy.cli.UserCommand import "$RUN_DIR/users.txt" --data "$DATA" >/dev/null
parley_start
udp_drops0="$(rcvbuf_errors)"

console_args=(--server 127.0.0.1:5060 --password-stdin --audio-source tone:440 --audio-sink null)
mkfifo "$RUN_DIR/alice.in" "$RUN_DIR/bob.in"
# shellcheck disable=SC2086
java ${ALICE_JAVA_OPTS:-} -cp "$UA_CP" dev.parley.ua.console.ConsoleCommand "${console_args[@]}" --user alice --display-name Alice \
	--video-source none --record-video "$RUN_DIR/alice-video" \
	<"$RUN_DIR/alice.in" >"$RUN_DIR/alice.out" 2>"$RUN_DIR/alice.err" &
alice_pid=$!
exec 3>"$RUN_DIR/alice.in"
# Bob's X server shows the ticker; his console shares that display.
DISPLAY='' xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" bash -c '
	java "$1" >"$2/ticker.log" 2>&1 & ticker=$!
	shift 2
	"$@"; rc=$?
	kill $ticker; exit $rc' _ "$ROOT/bench/share/Ticker.java" "$RUN_DIR" \
	java ${BOB_JAVA_OPTS:-} -cp "$UA_CP" dev.parley.ua.console.ConsoleCommand "${console_args[@]}" --user bob --display-name Bob \
	--video-source none --screen-source screen \
	<"$RUN_DIR/bob.in" >"$RUN_DIR/bob.out" 2>"$RUN_DIR/bob.err" &
bob_pid=$!
exec 4>"$RUN_DIR/bob.in"
echo alice-pw >&3
echo bob-pw >&4

await "$RUN_DIR/alice.out" '^registered as' >/dev/null
await "$RUN_DIR/bob.out" '^registered as' >/dev/null
echo create >&3
id="$(await "$RUN_DIR/alice.out" '^created meeting [0-9]{6}' | grep -oE '[0-9]{6}')"
echo "join $id" >&4
await "$RUN_DIR/bob.out" "^joined meeting $id\$" >/dev/null
sleep 3 # the ticker window is up by now (it started with Bob's console)

echo "share screen" >&4
await "$RUN_DIR/bob.out" '^sharing your screen$' >/dev/null
t_share="$(now)"
first=""
for _ in $(seq 1 300); do
	first="$(ls "$RUN_DIR"/alice-video/slides-*-1.png 2>/dev/null | head -n 1 || true)"
	[[ -n "$first" ]] && break
	sleep 0.1
done
[[ -n "$first" ]] || { echo "Alice decoded no slides picture in 30 s; see $RUN_DIR" >&2; exit 1; }
t_first="$(stat -c %.Y "$first")"
bob_java="$(pgrep -f -n -- '^java .*ConsoleCommand .*--user bob' || true)"
ticks0="$(cpu_ticks "$bob_java")"
t0="$(now)"
sleep "$WINDOW_SECS"
ticks1="$(cpu_ticks "$bob_java")"
t1="$(now)"
echo "load average at the end of the window: $(cut -d' ' -f1-3 /proc/loadavg)"
mixer_java="$(pgrep -f -n -- "-cp $ROOT/mixer/target/mixer-" || true)"
alice_java="$(pgrep -f -n -- '^java .*ConsoleCommand .*--user alice' || true)"
socket_drops="UDP drops on the sockets of: the mixer $(udp_drops "$mixer_java"), Alice $(udp_drops "$alice_java"), Bob $(udp_drops "$bob_java")"
# The mixer's own counts (packets in, out, dropped by reason), as ConsoleVideoIT reads them.
control="$(grep -o -m1 'control=[^ ]*' "$DATA/mixer.log" | cut -d= -f2 || true)"
if [[ -n "$control" ]]; then
	curl -s -H "Authorization: Bearer $(tr -d '[:space:]' <"$DATA/mixer.token")" "http://$control/metrics" |
		grep -E '^parley_mixer_packets' | grep -v ' 0$' >"$RUN_DIR/mixer-packets.txt" || true
fi
t_stop="$(now)"
echo 1 >&4
await "$RUN_DIR/bob.out" '^stopped sharing your screen$' >/dev/null
sleep 1
echo close >&3
exec 3>&- 4>&-
wait "$alice_pid" "$bob_pid" || true
alice_pid="" bob_pid=""

ended="$(grep -m1 -E 'SLIDES stream ended: from ssrc' "$RUN_DIR/alice.err" || true)"
sent="$(grep -m1 -E 'SLIDES stream ended: sent' "$RUN_DIR/bob.err" || true)"
[[ -n "$ended" ]] || { echo "no 'SLIDES stream ended' line in $RUN_DIR/alice.err" >&2; exit 1; }
decoded="$(sed -E 's/.*decoded ([0-9]+) pictures.*/\1/' <<<"$ended")"
packets="$(sed -E 's/.*received ([0-9]+) packets.*/\1/' <<<"$ended")"
last="${first%-1.png}-3.png"
cp "$last" "$RUN_DIR/received-slides.png" 2>/dev/null || cp "$first" "$RUN_DIR/received-slides.png"
# PNG width and height: bytes 16..23, big-endian.
read -r w h < <(od -An -tu1 -j16 -N8 "$first" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')

echo "received slides: ${w}x${h}"
awk -v a="$t_share" -v b="$t_first" 'BEGIN { printf "first slides picture decoded %.1f s after the share began\n", b - a }'
awk -v n="$decoded" -v p="$packets" -v a="$t_first" -v b="$t_stop" \
	'BEGIN { printf "decoded: %d pictures (%d packets) in %.1f s = %.2f fps\n", n, p, b - a, n / (b - a) }'
if [[ -f "${first%-1.png}-3.png" ]]; then
	awk -v a="$t_first" -v b="$(stat -c %.Y "${first%-1.png}-3.png")" \
		'BEGIN { printf "1st..31st picture: 30 in %.2f s = %.2f fps\n", b - a, 30 / (b - a) }'
fi
n_sent="$(sed -E 's/.*sent ([0-9]+) pictures.*/\1/' <<<"$sent")"
awk -v n="$n_sent" -v a="$t_share" -v b="$t_stop" \
	'BEGIN { printf "presenter captured (grabbed and handed to the encoder): %d pictures in %.1f s = %.2f fps\n", n, b - a, n / (b - a) }'
awk -v d="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v s="$t0" -v e="$t1" \
	'BEGIN { printf "presenter CPU over the window: %.0f %% of one core\n", 100 * d / hz / (e - s) }'
grep -h 'frames skipped' "$RUN_DIR/bob.err" | sed 's/^/presenter encoder: /' || true
echo "sent: ${sent##*: sent } ; received: $packets packets"
sed 's/^/mixer: /' "$RUN_DIR/mixer-packets.txt" 2>/dev/null || true
echo "$socket_drops (receive buffer full, counted by the kernel)"
echo "UDP datagrams the kernel dropped for full receive buffers (whole host, during the run): $(($(rcvbuf_errors) - udp_drops0))"
echo "received picture to judge the text by: $RUN_DIR/received-slides.png"
