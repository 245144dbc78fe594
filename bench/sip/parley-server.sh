# Sourced by the *-vs-kamailio.sh scripts: provisions and starts `parley server` the way the
# shared benchmark (../shared/bench/sip) expects it: user0000..user0999 and callee, password
# 'secret', MD5 challenges only (sipp 3.6 answers no SHA-256), SIP on 127.0.0.1:5060, HTTP on
# 127.0.0.1:18080 (PARLEY_HTTP overrides it). Needs ROOT and RUN_DIR; sets CP, DATA and server_pid.

JAR="$(ls "$ROOT"/proxy/target/proxy-*.jar 2>/dev/null | grep -v -- -tests | head -n 1 || true)"
[[ -n "$JAR" && -d "$ROOT/proxy/target/lib" ]] || { echo "proxy is not built: run ./parley build" >&2; exit 1; }
CP="$JAR:$ROOT/proxy/target/lib/*"
DATA="$RUN_DIR/data"
PARLEY_HTTP="${PARLEY_HTTP:-127.0.0.1:18080}"
server_pid=""

# parley_provision: the schema and the 1001 bench accounts through `parley user import`.
parley_provision() {
	{
		echo "callee secret"
		for i in $(seq -f '%04g' 0 999); do echo "user$i secret"; done
	} >"$RUN_DIR/users.txt"
	java -cp "$CP" dev.parley.proxy.cli.UserCommand import "$RUN_DIR/users.txt" --data "$DATA" >/dev/null
}

# parley_start [EXTRA_FLAGS...]: starts the server in the background, through the launcher (so with
# its JVM options; PARLEY_JAVA_OPTS replaces them), and waits until it listens.
parley_start() {
	"$ROOT/parley" server --data "$DATA" \
		--sip-listen 127.0.0.1:5060 --http "$PARLEY_HTTP" --digest-algorithms MD5 "$@" \
		>"$RUN_DIR/parley.out" 2>"$RUN_DIR/parley.err" &
	server_pid=$!
	# Up to 10 min: the launcher builds first when the sources are newer than its last build.
	for _ in $(seq 1 1200); do
		grep -q 'listening on http' "$RUN_DIR/parley.out" 2>/dev/null && break
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.5
	done
	grep -q 'listening on http' "$RUN_DIR/parley.out" || { cat "$RUN_DIR/parley.err" >&2; exit 1; }
}

# parley_stop: SIGTERM and wait.
parley_stop() {
	if [[ -n "$server_pid" ]]; then
		kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
	fi
	server_pid=""
}

# parley_c2_ticks: CPU time (clock ticks) the server's C2 compiler threads have used so far.
parley_c2_ticks() {
	local total=0 t
	for t in /proc/"$server_pid"/task/*; do
		if grep -q '^C2 CompilerThre' "$t/comm" 2>/dev/null; then
			total=$((total + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)))
		fi
	done
	echo "$total"
}

# parley_settle CMD...: runs CMD (one warm-up chunk of load) again and again until the JIT has
# settled: until a chunk in which the C2 compiler used under 5 % of a core (a cold server compiles
# for about 100 s at 4,000 REGISTERs/s on two cores, and that is a tenth of its CPU), or for at most
# SETTLE_MAX_SECS (300) in all. Prints one line per chunk to stderr.
parley_settle() {
	local start=$SECONDS before after secs busy
	while ((SECONDS - start < ${SETTLE_MAX_SECS:-300})); do
		before=$(parley_c2_ticks)
		secs=$SECONDS
		"$@" >/dev/null 2>&1 || true
		after=$(parley_c2_ticks)
		secs=$((SECONDS - secs > 0 ? SECONDS - secs : 1))
		busy=$(((after - before) / secs))
		echo "warm-up: C2 compiler at ${busy}% of a core over ${secs} s" >&2
		((busy < 5)) && return 0
	done
	echo "warm-up: the JIT did not settle within ${SETTLE_MAX_SECS:-300} s; measuring anyway" >&2
}
