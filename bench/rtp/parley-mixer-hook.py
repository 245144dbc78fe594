#!/usr/bin/env python3
"""RELAY_SETUP hook for /work/shared/bench/rtp/run.sh (see its README), and through
bench/mix/parley-mixer-hook.sh MIX_HOOK for /work/shared/bench/mix/run.sh: drives `parley mixer`.

    parley-mixer-hook.py start | setup ROOMS N | pids | teardown | stop

start runs the mixer from mixer/target (build it first: ./mvnw -B -ntp -q package -pl mixer -am
-DskipTests) with --workers $MIXER_WORKERS (default 2), --read-batch $MIXER_READ_BATCH when set
(datagrams per epoll read; more than 1 uses recvmmsg), --io $MIXER_IO when set (epoll or nio;
the mixer's default is epoll where it loads), --opus $MIXER_OPUS when set (libopus or concentus;
the default is libopus where it loads), and any further mixer options in $MIXER_FLAGS (split on
white space, e.g. MIXER_FLAGS="--realtime-priority 10"), on ports RELAY_BASE.. and waits for
/health. setup makes one conference per room and one endpoint per participant of kind "video"
with PCMU as payload type 0, so the mixer forwards every packet unchanged to the room's other
N-1 members (the forwarding path). With ENDPOINT_KIND=audio the endpoints are audio instead and
the mixer sends each participant the N-1 mix in PCMU (the mixing path), its RTCP to port 9;
ENDPOINT_CODEC=opus makes them Opus (payload type 111, opus/48000) instead of PCMU. Participant k is
announced at LOAD_ADDR:LOAD_BASE+k. Prints the mixer port of each participant, room by room.
"""
import json
import os
import signal
import subprocess
import sys
import time
import http.client
from pathlib import Path

ROOT = Path(os.environ.get("PARLEY_HOME", Path(__file__).resolve().parents[2]))
STATE = Path(os.environ.get("STATE_DIR", "/tmp/rtpbench/state-parley"))
CONTROL_PORT = int(os.environ.get("MIXER_CONTROL_PORT", "9190"))
TOKEN = "bench-token"
LOAD_ADDR = os.environ.get("LOAD_ADDR", "127.0.0.1")
LOAD_BASE = int(os.environ.get("LOAD_BASE", "10000"))
RELAY_BASE = int(os.environ.get("RELAY_BASE", "20000"))
WORKERS = os.environ.get("MIXER_WORKERS", "2")
KIND = os.environ.get("ENDPOINT_KIND", "video")
IO = os.environ.get("MIXER_IO", "")
READ_BATCH = os.environ.get("MIXER_READ_BATCH", "")
OPUS = os.environ.get("MIXER_OPUS", "")
FLAGS = os.environ.get("MIXER_FLAGS", "").split()
CODEC = os.environ.get("ENDPOINT_CODEC", "pcmu")
FORMATS = {"pcmu": {"payloadType": 0, "encoding": "PCMU", "clockRate": 8000},
           "opus": {"payloadType": 111, "encoding": "opus", "clockRate": 48000}}


class Api:
    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", CONTROL_PORT, timeout=10)

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body)
        headers = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode()
        if response.status >= 400 and not (method == "DELETE" and response.status == 404):
            raise SystemExit(f"{method} {path}: {response.status} {text}")
        return json.loads(text) if text else {}


def start():
    STATE.mkdir(parents=True, exist_ok=True)
    (STATE / "token").write_text(TOKEN + "\n")
    jar = next(p for p in (ROOT / "mixer" / "target").glob("mixer-*.jar") if not p.name.endswith("-tests.jar"))
    cmd = ["java", *os.environ.get("PARLEY_JAVA_OPTS", "").split(), "-cp",
           f"{jar}:{ROOT / 'mixer' / 'target' / 'lib'}/*", "dev.parley.mixer.MixerCommand",
           "--control", f"127.0.0.1:{CONTROL_PORT}", "--rtp-bind", "127.0.0.1",
           "--rtp-ports", f"{RELAY_BASE}-{RELAY_BASE + 19999}", "--token-file", str(STATE / "token"),
           "--workers", WORKERS, *(["--io", IO] if IO else []),
           *(["--read-batch", READ_BATCH] if READ_BATCH else []),
           *(["--opus", OPUS] if OPUS else []), *FLAGS]
    log = open(STATE / "mixer.log", "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    (STATE / "mixer.pid").write_text(str(proc.pid))
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", CONTROL_PORT, timeout=1)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("mixer did not answer /health; see " + str(STATE / "mixer.log"))


def setup(rooms, n):
    api = Api()
    names = []
    for r in range(rooms):
        conf = f"bench-{r}"
        api.call("PUT", f"/v1/conferences/{conf}")
        names.append(conf)
        for i in range(n):
            k = r * n + i
            body = {"participant": f"p{k}", "kind": KIND, "rtcpMux": True,
                    "formats": [FORMATS[CODEC]],
                    "remoteRtp": f"{LOAD_ADDR}:{LOAD_BASE + k}"}
            if KIND == "audio":
                # The mixer's own RTCP SRs (RFC 3550 §6.4.1) would reach mixload's RTP socket,
                # which reads them as RTP (seq gaps, lateness); they go to the discard port instead.
                body["rtcpMux"] = False
                body["remoteRtcp"] = f"{LOAD_ADDR}:9"
            print(api.call("PUT", f"/v1/conferences/{conf}/endpoints/p{k}", body)["rtpPort"])
    (STATE / "conferences").write_text("\n".join(names))


def teardown():
    path = STATE / "conferences"
    if not path.exists():
        return
    api = Api()
    for conf in path.read_text().split():
        api.call("DELETE", f"/v1/conferences/{conf}")
    path.unlink()


def stop():
    path = STATE / "mixer.pid"
    if path.exists():
        pid = int(path.read_text())
        try:
            os.kill(pid, signal.SIGTERM)
            for _ in range(50):
                os.kill(pid, 0)
                time.sleep(0.1)
        except ProcessLookupError:
            pass
        path.unlink()


verb = sys.argv[1] if len(sys.argv) > 1 else ""
if verb == "start":
    start()
elif verb == "setup":
    setup(int(sys.argv[2]), int(sys.argv[3]))
elif verb == "pids":
    print((STATE / "mixer.pid").read_text().strip())
elif verb == "teardown":
    teardown()
elif verb == "stop":
    stop()
else:
    raise SystemExit("usage: parley-mixer-hook.py start | setup ROOMS N | pids | teardown | stop")
