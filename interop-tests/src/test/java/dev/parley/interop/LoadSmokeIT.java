package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.g711.MuLaw;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Interop scenario 6, a load smoke test: 200 users register with digest auth through sipp; then
 * 20 rooms of 5 sipp participants (a host who creates the room through the factory URI, four
 * who join it by id) send PCMU for 30 s or more through a mixer running as its own daemon. No
 * transaction may fail, nobody may be dropped, and the mixer's {@code /metrics} must show the
 * packets. Everything is left under {@code target/load-smoke/}.
 */
class LoadSmokeIT {
    private static final int USERS = 200;
    private static final int ROOMS = 20;
    private static final int PER_ROOM = 5;
    private static final int HOST_MILLIS = 40_000;
    private static final int JOINER_MILLIS = 30_000;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void twentyRoomsOfFiveWithRtpLoseNobody() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "load-smoke", Long.toString(System.currentTimeMillis())))
                .toAbsolutePath();
        Path data = dir.resolve("data");
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < USERS; i++) {
            users.append(user(i)).append(" secret-").append(i).append('\n');
        }
        Files.writeString(dir.resolve("users.txt"), users);
        assertThat(ServerProcess.runMain(
                        "dev.parley.proxy.cli.UserCommand",
                        "",
                        List.of("import", dir.resolve("users.txt").toString(), "--data", data.toString())))
                .contains("imported " + USERS + " accounts");

        Path token = dir.resolve("mixer.token");
        Files.writeString(token, "load-smoke-" + System.nanoTime() + "\n");
        int controlPort = Ports.free();
        int rtpBase = 30_000 + (int) (ProcessHandle.current().pid() % 100) * 100;
        List<String> mixerCmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                ServerProcess.classPath(),
                "dev.parley.mixer.MixerCommand",
                "--control",
                "127.0.0.1:" + controlPort,
                "--rtp-bind",
                "127.0.0.1",
                "--rtp-ports",
                rtpBase + "-" + (rtpBase + 2 * ROOMS * PER_ROOM + 50),
                "--token-file",
                token.toString());
        Process mixer = new ProcessBuilder(mixerCmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mixer.log").toFile())
                .start();
        List<Process> sipps = new ArrayList<>();
        try {
            awaitLog(mixer, dir.resolve("mixer.log"), "mixer listening");
            int sipPort = Ports.free();
            try (ServerProcess server = ServerProcess.start(
                    dir,
                    Ports.free(),
                    List.of(
                            "--data",
                            data.toString(),
                            "--sip-listen",
                            "127.0.0.1:" + sipPort,
                            "--digest-algorithms",
                            "MD5",
                            "--mixer",
                            "http://127.0.0.1:" + controlPort,
                            "--mixer-token-file",
                            token.toString()))) {
                // 200 registrations with digest auth.
                StringBuilder registering = new StringBuilder("SEQUENTIAL\n");
                for (int i = 0; i < USERS; i++) {
                    registering
                            .append(credentials(i))
                            .append(';')
                            .append(user(i))
                            .append('\n');
                }
                Process register = sipp(
                        dir.resolve("register"),
                        sipPort,
                        "register-ok",
                        registering.toString(),
                        List.of("-m", Integer.toString(USERS), "-r", "100"));
                sipps.add(register);
                assertThat(register.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(register.exitValue())
                        .as("sipp registrations (see %s)", dir.resolve("register"))
                        .isZero();
                assertThat(server.metric("parley_bindings_active")).isEqualTo(USERS);

                // The hosts create the rooms through the factory URI ...
                StringBuilder hosts = new StringBuilder("SEQUENTIAL\n");
                for (int r = 0; r < ROOMS; r++) {
                    hosts.append(credentials(r)).append(";conference\n");
                }
                Process hosting = sipp(
                        dir.resolve("hosts"),
                        sipPort,
                        "conference-member",
                        hosts.toString(),
                        List.of("-m", Integer.toString(ROOMS), "-r", "20", "-d", Integer.toString(HOST_MILLIS)));
                sipps.add(hosting);
                List<String> rooms = awaitRooms(server, ROOMS, 1);

                // ... and four participants join each room by its id.
                StringBuilder joiners = new StringBuilder("SEQUENTIAL\n");
                int next = ROOMS;
                for (String room : rooms) {
                    for (int k = 1; k < PER_ROOM; k++) {
                        joiners.append(credentials(next++))
                                .append(';')
                                .append(room)
                                .append('\n');
                    }
                }
                Process joining = sipp(
                        dir.resolve("joiners"),
                        sipPort,
                        "conference-member",
                        joiners.toString(),
                        List.of(
                                "-m",
                                Integer.toString(ROOMS * (PER_ROOM - 1)),
                                "-r",
                                "40",
                                "-d",
                                Integer.toString(JOINER_MILLIS)));
                sipps.add(joining);
                awaitRooms(server, ROOMS, PER_ROOM);
                long inEarly = mixerMetric(controlPort, token, "parley_mixer_packets_in_total");

                // Half-way: every room still has its five members.
                Thread.sleep(JOINER_MILLIS / 2);
                assertThat(awaitRooms(server, ROOMS, PER_ROOM)).hasSize(ROOMS);
                long inLater = mixerMetric(controlPort, token, "parley_mixer_packets_in_total");
                long outLater = mixerMetric(controlPort, token, "parley_mixer_packets_out_total");
                // 100 participants at 50 packets a second for 15 s: 75,000; allow for start-up.
                assertThat(inLater - inEarly)
                        .as("RTP packets into the mixer in 15 s")
                        .isGreaterThan(60_000);
                assertThat(outLater).as("mixed packets out of the mixer").isGreaterThan(60_000);
                assertThat(mixerMetric(controlPort, token, "parley_mixer_packets_dropped_total"))
                        .as("packets the mixer dropped (every sipp call streams from its own port)")
                        .isLessThan(inLater / 100);

                assertThat(joining.waitFor(JOINER_MILLIS + 30_000, TimeUnit.MILLISECONDS))
                        .isTrue();
                assertThat(hosting.waitFor(HOST_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
                assertThat(joining.exitValue())
                        .as("joiners: every call completed (see %s)", dir.resolve("joiners"))
                        .isZero();
                assertThat(hosting.exitValue())
                        .as("hosts: every call completed (see %s)", dir.resolve("hosts"))
                        .isZero();
                assertThat(server.get("/conferences")).as("every room ended").doesNotContain("\"id\"");
                assertThat(mixerMetric(controlPort, token, "parley_mixer_endpoints"))
                        .as("the mixer freed every endpoint")
                        .isZero();
            }
        } finally {
            sipps.forEach(Process::destroyForcibly);
            mixer.destroy();
            if (!mixer.waitFor(15, TimeUnit.SECONDS)) {
                mixer.destroyForcibly();
            }
        }
    }

    private static String user(int i) {
        return String.format("load%03d", i);
    }

    private static String credentials(int i) {
        return user(i) + ";[authentication username=" + user(i) + " password=secret-" + i + "]";
    }

    /**
     * Starts sipp with {@code scenario} on its own directory and injection file; a second of
     * 440 Hz u-law there is the RTP that {@code conference-member} streams.
     */
    private static Process sipp(Path work, int serverPort, String scenario, String injection, List<String> more)
            throws Exception {
        Files.createDirectories(work);
        Files.writeString(work.resolve("inf.csv"), injection);
        short[] pcm = new short[8000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        byte[] ulaw = new byte[pcm.length];
        MuLaw.encode(pcm, 0, ulaw, 0, pcm.length);
        Files.write(work.resolve("tone.ulaw"), ulaw);
        List<String> cmd = new ArrayList<>(List.of(
                "sipp",
                "127.0.0.1:" + serverPort,
                "-sf",
                Path.of(System.getProperty("parley.sipp.scenarios"), scenario + ".xml")
                        .toString(),
                "-inf",
                "inf.csv",
                "-t",
                "u1",
                "-i",
                "127.0.0.1",
                "-mi",
                "127.0.0.1",
                "-p",
                Integer.toString(Ports.free()),
                "-mp",
                Integer.toString(Ports.freeUdpRun(4)),
                "-l",
                "200",
                "-timeout",
                "90s",
                "-trace_err",
                "-trace_stat",
                "-fd",
                "5",
                "-nostdin"));
        cmd.addAll(more);
        return new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("sipp.out").toFile())
                .start();
    }

    /** Waits (at most 20 s) until {@code GET /conferences} lists {@code count} rooms of {@code members}. */
    private static List<String> awaitRooms(ServerProcess server, int count, int members) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String json = "";
        while (System.nanoTime() < deadline) {
            json = server.get("/conferences");
            List<String> ids = roomIds(json);
            if (ids.size() == count && memberCounts(json).stream().allMatch(n -> n == members)) {
                return ids;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("wanted " + count + " rooms of " + members + " members, /conferences said: " + json);
    }

    private static List<String> roomIds(String json) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"(\\d{6})\"").matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return List.copyOf(ids);
    }

    /** How many members each room lists, in order (each member has a role). */
    private static List<Integer> memberCounts(String json) {
        List<Integer> counts = new ArrayList<>();
        String[] parts = json.split("\"id\"\\s*:\\s*\"\\d{6}\"", -1);
        for (int i = 1; i < parts.length; i++) {
            Matcher m = Pattern.compile("\"role\"\\s*:").matcher(parts[i]);
            int n = 0;
            while (m.find()) {
                n++;
            }
            counts.add(n);
        }
        return counts;
    }

    private static void awaitLog(Process p, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + line + "' in 30 s: " + Files.readString(log));
    }

    private static long mixerMetric(int controlPort, Path token, String series) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/metrics"))
                        .header(
                                "Authorization",
                                "Bearer " + Files.readString(token).strip())
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("mixer /metrics").isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(\\{[^}]*\\})? (\\S+)$")
                .matcher(r.body());
        long sum = 0;
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(2));
        }
        return sum;
    }
}
