#!/bin/sh
# MIX_HOOK for /work/shared/bench/mix/run.sh (G.711 conference mixing, see its README):
# the forwarding hook with audio endpoints, so `parley mixer` mixes each room N-1 in PCMU.
#
#   cd /work/shared/bench/mix && MIX_HOOK=/work/main/bench/mix/parley-mixer-hook.sh MIX_LABEL=parley ./run.sh
#
# The mixer's ports start at the harness's MIX_BASE; its log and pid are in STATE_DIR.
here=$(cd "$(dirname "$0")" && pwd)
ENDPOINT_KIND=audio RELAY_BASE="${MIX_BASE:-20000}" STATE_DIR="${STATE_DIR:-/tmp/mixbench/state-parley}" \
	exec python3 "$here/../rtp/parley-mixer-hook.py" "$@"
