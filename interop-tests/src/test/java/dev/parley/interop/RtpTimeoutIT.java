package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.rtp.RtpHeaderWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * RTP-inactivity reaping with the mixer as its own daemon ({@code --rtp-timeout 2}) behind
 * {@code parley server --mixer}: of two participants, the one whose phone stops sending RTP is
 * gone from the member list, and gets a BYE, within the timeout plus the mixer's one-second
 * check and the focus's reaction; the one still sending stays.
 */
class RtpTimeoutIT {
    private static final int TIMEOUT_SECONDS = 2;
    /** What docs/mixer-api.md promises: the timeout, up to one second of checking, then the focus. */
    private static final Duration BOUND = Duration.ofSeconds(TIMEOUT_SECONDS + 1 + 2);

    @Test
    void aParticipantWhosePhoneFallsSilentIsRemoved() throws Exception {
        Path dir = Files.createDirectories(
                        Path.of("target", "it-rtp-timeout", Long.toString(System.currentTimeMillis())))
                .toAbsolutePath();
        Path token = Files.writeString(dir.resolve("mixer.token"), "rtp-timeout-" + System.nanoTime() + "\n");
        int control = Ports.free();
        Process mixer =
                startMixer(dir, control, token, "45000-45099", "--rtp-timeout", Integer.toString(TIMEOUT_SECONDS));
        ServerProcess server = null;
        AtomicBoolean talking = new AtomicBoolean(true);
        try {
            awaitLog(mixer, dir.resolve("mixer.log"), "mixer listening");
            String sip = "127.0.0.1:" + Ports.free();
            server = serverOnMixer(dir, sip, control, token);
            try (SipTestAgent alice = SipTestAgent.start("alice", "Alice", "localhost", sip);
                    SipTestAgent bob = SipTestAgent.start("bob", "Bob", "localhost", sip);
                    DatagramSocket aliceRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", alice.port + 2));
                    DatagramSocket bobRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", bob.port + 2))) {
                Response[] meeting = aliceHostsBobJoins(alice, bob);
                Response hosted = meeting[0];
                Response joined = meeting[1];
                String room = FocusIT.roomOf(hosted);
                assertThat(alice.subscribe("sip:" + room + "@localhost", "conference", 600)
                                .getStatusCode())
                        .isEqualTo(200);
                assertThat(FocusIT.conferenceInfo(alice.awaitRequest(Request.NOTIFY))
                                .getElementsByTagNameNS(FocusIT.NS, "user")
                                .getLength())
                        .isEqualTo(2);

                // Alice's phone keeps sending silence every 20 ms; Bob's sends for a second, then dies.
                Thread aliceTalks = new Thread(() -> sendUntil(aliceRtp, FocusIT.mixerAudio(hosted), 1111, talking));
                aliceTalks.start();
                AtomicBoolean bobTalking = new AtomicBoolean(true);
                Thread bobTalks = new Thread(() -> sendUntil(bobRtp, FocusIT.mixerAudio(joined), 2222, bobTalking));
                bobTalks.start();
                Thread.sleep(1000);
                bobTalking.set(false);
                bobTalks.join();
                long silentSince = System.nanoTime();

                bob.awaitRequest(Request.BYE, BOUND);
                Element gone = FocusIT.conferenceInfo(alice.awaitRequest(Request.NOTIFY, BOUND));
                double seconds = (System.nanoTime() - silentSince) / 1e9;
                NodeList users = gone.getElementsByTagNameNS(FocusIT.NS, "user");
                assertThat(users.getLength()).isEqualTo(1);
                Element bobEntry = (Element) users.item(0);
                assertThat(bobEntry.getAttribute("entity")).isEqualTo("sip:bob@localhost");
                assertThat(bobEntry.getAttribute("state")).isEqualTo("deleted");
                assertThat(seconds)
                        .as("removed %.1f s after the last packet", seconds)
                        .isBetween((double) TIMEOUT_SECONDS, (double) BOUND.toSeconds());
                assertThat(server.get("/conferences"))
                        .contains("sip:alice@localhost")
                        .doesNotContain("sip:bob@");
                assertThat(alice.receivesNo(Request.BYE, Duration.ofSeconds(TIMEOUT_SECONDS + 1)))
                        .as("alice keeps sending, so she stays")
                        .isTrue();
                assertThat(Files.readString(dir.resolve("mixer.log"))).contains("rtp-timeout " + room + "/");
                talking.set(false);
                aliceTalks.join();
            }
        } finally {
            talking.set(false);
            if (server != null) {
                server.terminate();
            }
            mixer.destroy();
            if (!mixer.waitFor(10, TimeUnit.SECONDS)) {
                mixer.destroyForcibly();
            }
        }
    }

    /** PCMU silence, one 20 ms packet every 20 ms, until {@code going} turns false. */
    static void sendUntil(DatagramSocket socket, InetSocketAddress to, long ssrc, AtomicBoolean going) {
        byte[] packet = new byte[12 + 160];
        java.util.Arrays.fill(packet, 12, packet.length, (byte) 0xFF); // µ-law silence
        for (int seq = 0; going.get(); seq++) {
            RtpHeaderWriter.writeFixed(packet, 0, false, 0, seq & 0xFFFF, 160L * seq, ssrc);
            try {
                socket.send(new DatagramPacket(packet, packet.length, to));
                Thread.sleep(20);
            } catch (java.io.IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A server with users alice and bob whose mixer is the daemon on {@code control}. */
    static ServerProcess serverOnMixer(Path dir, String sip, int control, Path token) throws Exception {
        return ServerProcess.withUsers(
                "it-" + dir.getFileName(),
                sip,
                List.of("alice", "bob"),
                List.of("--mixer", "http://127.0.0.1:" + control, "--mixer-token-file", token.toString()));
    }

    /**
     * Alice makes a meeting (PCMU, SSRC 1111) and Bob joins it (2222); returns Alice's and Bob's
     * 200s, each with the mixer ports in its SDP.
     */
    static Response[] aliceHostsBobJoins(SipTestAgent alice, SipTestAgent bob) throws Exception {
        Response hosted = alice.invite("sip:conference@localhost", FocusIT.offer(alice, 1111, "0=PCMU/8000"));
        String room = FocusIT.roomOf(hosted);
        Response joined = bob.invite("sip:" + room + "@localhost", FocusIT.offer(bob, 2222, "0=PCMU/8000"));
        assertThat(joined.getStatusCode()).isEqualTo(200);
        return new Response[] {hosted, joined};
    }

    /**
     * A {@code parley mixer} daemon on {@code 127.0.0.1:control} with RTP ports in {@code ports},
     * logging to DIR/mixer.log (appended to, so a restart keeps the first run's lines).
     */
    static Process startMixer(Path dir, int control, Path token, String ports, String... extra) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                ServerProcess.classPath(),
                "dev.parley.mixer.MixerCommand",
                "--control",
                "127.0.0.1:" + control,
                "--rtp-bind",
                "127.0.0.1",
                "--rtp-ports",
                ports,
                "--token-file",
                token.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("mixer.log").toFile()))
                .start();
    }

    static void awaitLog(Process p, Path log, String line) throws Exception {
        awaitLog(p, log, line, 1);
    }

    /** Waits until {@code log} holds {@code line} {@code times} times, with the process alive. */
    static void awaitLog(Process p, Path log, String line, int times) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).split(Pattern.quote(line), -1).length > times) {
                return;
            }
            assertThat(p.isAlive())
                    .as("mixer running: %s", Files.readString(log))
                    .isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + line + "' in 30 s: " + Files.readString(log));
    }
}
