package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.g711.MuLaw;
import dev.parley.media.rtp.RtpHeaderWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * A mixer daemon killed with -9 and started again under {@code parley server --mixer}: the focus
 * learns of the restart from the mixer's events, makes each member's media again and re-INVITEs
 * each phone with the new ports; after that the two members hear each other again.
 */
class MixerRestartIT {
    @Test
    void afterAMixerRestartTheMembersAreReInvitedAndHearEachOtherAgain() throws Exception {
        Path dir = Files.createDirectories(
                        Path.of("target", "it-mixer-restart", Long.toString(System.currentTimeMillis())))
                .toAbsolutePath();
        Path token = Files.writeString(dir.resolve("mixer.token"), "restart-" + System.nanoTime() + "\n");
        Path log = dir.resolve("mixer.log");
        int control = Ports.free();
        Process mixer = RtpTimeoutIT.startMixer(dir, control, token, "45200-45299");
        ServerProcess server = null;
        try {
            RtpTimeoutIT.awaitLog(mixer, log, "mixer listening");
            String sip = "127.0.0.1:" + Ports.free();
            server = RtpTimeoutIT.serverOnMixer(dir, sip, control, token);
            try (SipTestAgent alice = SipTestAgent.start("alice", "Alice", "localhost", sip);
                    SipTestAgent bob = SipTestAgent.start("bob", "Bob", "localhost", sip);
                    DatagramSocket aliceRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", alice.port + 2));
                    DatagramSocket bobRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", bob.port + 2))) {
                Response[] meeting = RtpTimeoutIT.aliceHostsBobJoins(alice, bob);
                Response hosted = meeting[0];
                Response joined = meeting[1];
                int alicePortBefore = FocusIT.mixerAudio(hosted).getPort();

                mixer.destroyForcibly(); // kill -9: the mixer forgets every room
                assertThat(mixer.waitFor(10, TimeUnit.SECONDS)).isTrue();
                mixer = RtpTimeoutIT.startMixer(dir, control, token, "45250-45299");
                RtpTimeoutIT.awaitLog(mixer, log, "mixer listening", 2);

                InetSocketAddress aliceTo = newMixerAudio(alice.awaitRequest(Request.INVITE, Duration.ofSeconds(15)));
                InetSocketAddress bobTo = newMixerAudio(bob.awaitRequest(Request.INVITE, Duration.ofSeconds(15)));
                assertThat(aliceTo.getPort())
                        .as("the restarted mixer's ports (45250-45299)")
                        .isNotEqualTo(alicePortBefore)
                        .isBetween(45250, 45299);

                // Alice sends 440 Hz and Bob 880 Hz to the new ports, for two seconds.
                Thread aliceTalks = new Thread(() -> tone(aliceRtp, aliceTo, 1111, 440));
                Thread bobTalks = new Thread(() -> tone(bobRtp, bobTo, 2222, 880));
                aliceTalks.start();
                bobTalks.start();
                short[] bobHears = receive(bobRtp);
                short[] aliceHears = receive(aliceRtp);
                aliceTalks.join();
                bobTalks.join();
                assertThat(toneWindows(bobHears, 440))
                        .as("100 ms windows of Alice's 440 Hz that Bob hears")
                        .isGreaterThanOrEqualTo(10);
                assertThat(toneWindows(aliceHears, 880))
                        .as("100 ms windows of Bob's 880 Hz that Alice hears")
                        .isGreaterThanOrEqualTo(10);
                assertThat(server.get("/conferences")).contains("sip:alice@localhost", "sip:bob@localhost");
            }
        } finally {
            if (server != null) {
                server.terminate();
            }
            mixer.destroy();
            if (!mixer.waitFor(10, TimeUnit.SECONDS)) {
                mixer.destroyForcibly();
            }
        }
    }

    /** How many 100 ms windows of {@code pcm} are mostly {@code hz}, and not silence. */
    private static int toneWindows(short[] pcm, double hz) {
        int windows = 0;
        for (int from = 0; from + 800 <= pcm.length; from += 800) {
            if (ToneAnalysis.rms(pcm, from, 800) > 200 && ToneAnalysis.share(pcm, from, 800, 8000, hz) > 0.5) {
                windows++;
            }
        }
        return windows;
    }

    /** Where the focus's re-INVITE asks for audio: its {@code c=} address and {@code m=audio} port. */
    private static InetSocketAddress newMixerAudio(Request reinvite) {
        String body = SipTestAgent.body(reinvite);
        Matcher c = Pattern.compile("c=IN IP4 (\\S+)").matcher(body);
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(body);
        assertThat(c.find() && m.find()).as("re-INVITE offer %s", body).isTrue();
        return new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1)));
    }

    /** Two seconds of a PCMU tone, one 20 ms packet every 20 ms. */
    private static void tone(DatagramSocket socket, InetSocketAddress to, long ssrc, double hz) {
        byte[] packet = new byte[12 + 160];
        for (int seq = 0; seq < 100; seq++) {
            RtpHeaderWriter.writeFixed(packet, 0, false, 0, seq, 160L * seq, ssrc);
            for (int n = 0; n < 160; n++) {
                packet[12 + n] = MuLaw.encode((short) (8000 * Math.sin(2 * Math.PI * hz * (seq * 160 + n) / 8000.0)));
            }
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

    /** The PCMU the socket receives until it is quiet for a second, decoded (at most 4 s). */
    private static short[] receive(DatagramSocket socket) throws Exception {
        short[] pcm = new short[4 * 8000];
        int at = 0;
        socket.setSoTimeout(1000);
        byte[] buf = new byte[1500];
        while (at + 160 <= pcm.length) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (p.getLength() == 12 + 160 && (buf[1] & 0x7F) == 0) {
                MuLaw.decode(buf, 12, pcm, at, 160);
                at += 160;
            }
        }
        return java.util.Arrays.copyOf(pcm, at);
    }
}
