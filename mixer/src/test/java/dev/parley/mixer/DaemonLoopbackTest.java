package dev.parley.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.g711.MuLaw;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.media.tone.Goertzel;
import io.github.jaredmdobson.concentus.OpusException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real daemon in a child JVM, real UDP on 127.0.0.1: participants send 440, 660 and 880 Hz
 * tones, each in its own codec; each must hear the other two and never itself (Goertzel on what
 * it decodes). Then SIGTERM stops the daemon cleanly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaemonLoopbackTest {
    private static final int FRAMES = 150;

    @TempDir
    Path dir;

    private volatile boolean sendingDone;
    private MixerProcess mixer;
    private final List<Peer> peers = new ArrayList<>();

    /**
     * One participant: its socket, the mixer port it sends to, its tone (and a quieter second
     * one above 4 kHz, or 0), its codec, what it heard.
     */
    private record Peer(
            DatagramSocket socket,
            InetSocketAddress mixer,
            double hz,
            double highHz,
            PeerCodec codec,
            List<short[]> heard) {}

    @AfterEach
    void stop() {
        peers.forEach(p -> p.socket().close());
        if (mixer != null) {
            mixer.close();
        }
    }

    @ParameterizedTest(name = "--io {0}")
    @ValueSource(strings = {"epoll", "nio"})
    void threeTonesEachHearTheOtherTwoAndNeverThemselves(String io) throws Exception {
        mixer = startDaemon(io);
        assertThat(mixer.call("PUT", "/v1/conferences/tones", "")).isEqualTo(201);
        join("tones", 440, 0, PeerCodec.pcmu());
        join("tones", 660, 0, PeerCodec.pcmu());
        join("tones", 880, 0, PeerCodec.pcmu());

        talk();

        assertEachHearsTheOthersOnly();
        String metrics = mixer.body("GET", "/metrics", "");
        assertThat(metrics).containsPattern("parley_mixer_packets_in_total [1-9]\\d*");

        Process daemon = mixer.process();
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        // The JVM reports a stop by SIGTERM as 143 (128 + 15) after its shutdown hooks ran.
        assertThat(daemon.exitValue()).isIn(0, 143);
        List<String> log = mixer.log();
        assertThat(log).as("daemon output %s", log).anyMatch(line -> line.contains("mixer stopped"));
    }

    @ParameterizedTest(name = "--io {0}")
    @ValueSource(strings = {"epoll", "nio"})
    void pcmuOpusAndG722ParticipantsHearEachOtherInOneWidebandRoom(String io) throws Exception {
        mixer = startDaemon(io);
        assertThat(mixer.listening()).endsWith(" opus=libopus");
        assertThat(mixer.call("PUT", "/v1/conferences/codecs", "")).isEqualTo(201);

        join("codecs", 440, 0, PeerCodec.pcmu());
        join("codecs", 660, 6000, PeerCodec.opus());
        join("codecs", 880, 0, PeerCodec.g722());

        talk();

        assertEachHearsTheOthersOnly();
        // The room mixes at 16 kHz: the Opus side's 6 kHz, above what 8 kHz can carry, reaches the
        // G.722 participant (at half the 660 Hz tone's amplitude, less G.722's high-band coarseness).
        short[] atG722 = lastFrames(peers.get(2).heard(), 30);
        assertThat(new Goertzel(6000, 16000).amplitude(atG722, 0, atG722.length))
                .isGreaterThan(1500);
    }

    /**
     * Where no libopus loads (none on the system, opus-java's bundled copy left off the class
     * path), the mixer says so and falls back to concentus; an Opus endpoint then holds no native
     * state. (The mix itself on concentus: LossAndJitterTest's CONCENTUS cases, on a fake clock,
     * because a cold concentus in a fresh JVM on a busy host makes the first seconds' mixes late.)
     */
    @Test
    void withoutLibopusTheMixerRunsConcentus() throws Exception {
        String classPath = java.util.Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("opus-java-natives"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        mixer = MixerProcess.start(
                dir, classPath, List.of("-Djna.platform.library.path=" + dir.resolve("no-libs")), "--io", "epoll");
        assertThat(mixer.listening()).endsWith(" opus=concentus");
        assertThat(mixer.log()).anyMatch(line -> line.contains("opus: concentus (pure Java; libopus did not load"));
        assertThat(mixer.body("GET", "/metrics", ""))
                .contains("parley_mixer_opus_info{implementation=\"concentus\"} 1")
                .contains("parley_mixer_opus_native_states 0\n");
        assertThat(mixer.call("PUT", "/v1/conferences/codecs", "")).isEqualTo(201);
        join("codecs", 660, 0, PeerCodec.opus());
        assertThat(mixer.body("GET", "/metrics", ""))
                .contains("parley_mixer_endpoints 1\n")
                .contains("parley_mixer_opus_native_states 0\n");
    }

    /**
     * A softphone taking one video stream ({@code activeSpeaker}) through the real daemon: it
     * gets alice's video while alice talks, then bob's once bob talks, as one stream (its own
     * SSRC, sequence numbers running on across the switch), and each new speaker gets a PLI.
     */
    @Test
    void aSoftphoneSeesTheActiveSpeakerAsOneVideoStream() throws Exception {
        mixer = startDaemon("epoll");
        assertThat(mixer.call("PUT", "/v1/conferences/video", "")).isEqualTo(201);
        String pcmu = "{\"payloadType\":0,\"encoding\":\"PCMU\",\"clockRate\":8000}";
        String vp8 = "{\"payloadType\":96,\"encoding\":\"VP8\",\"clockRate\":90000}";
        String[] names = {"alice", "bob", "phone"};
        DatagramSocket[] audio = new DatagramSocket[3];
        DatagramSocket[] video = new DatagramSocket[3];
        InetSocketAddress[] audioAt = new InetSocketAddress[3];
        InetSocketAddress[] videoAt = new InetSocketAddress[3];
        try {
            for (int i = 0; i < 3; i++) {
                audio[i] = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                video[i] = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                video[i].setSoTimeout(100);
                audioAt[i] = mixerPort(mixer.body(
                        "PUT",
                        "/v1/conferences/video/endpoints/" + names[i] + "-audio",
                        "{\"participant\":\"" + names[i] + "\",\"formats\":[" + pcmu + "],\"remoteRtp\":\"127.0.0.1:"
                                + audio[i].getLocalPort() + "\"}"));
                videoAt[i] = mixerPort(mixer.body(
                        "PUT",
                        "/v1/conferences/video/endpoints/" + names[i] + "-video",
                        "{\"participant\":\"" + names[i] + "\",\"kind\":\"video\",\"formats\":[" + vp8
                                + "],\"remoteRtp\":\"127.0.0.1:" + video[i].getLocalPort() + "\",\"activeSpeaker\":"
                                + (i == 2) + "}"));
            }
            // 1.5 s of alice talking, then 2 s of bob; alice and bob send video all along, its
            // payload naming the sender.
            long start = System.nanoTime();
            for (int k = 0; k < 175; k++) {
                int talker = k < 75 ? 0 : 1;
                for (int i = 0; i < 2; i++) {
                    byte[] a = new byte[12 + 160];
                    RtpHeaderWriter.writeFixed(a, 0, false, 0, k, 160L * k, 0x100 + i);
                    MuLaw.encode(i == talker ? Tones.frame(440, 8000, 160L * k) : new short[160], 0, a, 12, 160);
                    audio[i].send(new DatagramPacket(a, a.length, audioAt[i]));
                    byte[] v = new byte[12 + 4];
                    RtpHeaderWriter.writeFixed(v, 0, false, 96, 5000 * (i + 1) + k, 1800L * k, 0x200 + i);
                    v[12] = (byte) names[i].charAt(0);
                    video[i].send(new DatagramPacket(v, v.length, videoAt[i]));
                }
                LockSupport.parkNanos(start + (k + 1) * 20_000_000L - System.nanoTime());
            }

            List<byte[]> shown = drain(video[2]);
            StringBuilder senders = new StringBuilder();
            for (byte[] p : shown) {
                if (p.length == 16 && RtpHeader.payloadType(p, 0) == 96) {
                    senders.append((char) p[12]);
                }
            }
            assertThat(senders.toString())
                    .as("whose video the phone saw, in order")
                    .matches("a+b+");
            long ssrc = RtpHeader.ssrc(shown.get(0), 0);
            for (int i = 1; i < shown.size(); i++) {
                assertThat(RtpHeader.ssrc(shown.get(i), 0)).isEqualTo(ssrc);
                assertThat(RtpHeader.sequenceNumber(shown.get(i), 0))
                        .as("packet %d", i)
                        .isEqualTo((RtpHeader.sequenceNumber(shown.get(i - 1), 0) + 1) & 0xFFFF);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(drain(video[i]))
                        .as("%s is asked for a key frame", names[i])
                        .anySatisfy(p -> assertThat(dev.parley.media.rtcp.RtcpFeedback.isPli(p, 0))
                                .isTrue());
            }
        } finally {
            for (int i = 0; i < 3; i++) {
                if (audio[i] != null) {
                    audio[i].close();
                }
                if (video[i] != null) {
                    video[i].close();
                }
            }
        }
    }

    private static InetSocketAddress mixerPort(String answer) {
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(answer.replaceAll(".*\"rtpPort\":(\\d+).*", "$1")));
    }

    /** Everything queued on the socket, in order, until it stays quiet for 100 ms. */
    private static List<byte[]> drain(DatagramSocket socket) throws java.io.IOException {
        List<byte[]> out = new ArrayList<>();
        byte[] buf = new byte[1500];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
            out.add(Arrays.copyOf(buf, p.getLength()));
        }
    }

    /**
     * Over the analysed window, each peer's mean share of each tone across 100 ms blocks (whole
     * periods of every tone): a frame a jitter buffer dropped or repeated shifts the phase, which
     * would cancel a tone that is there in one long block.
     */
    private void assertEachHearsTheOthersOnly() {
        for (int i = 0; i < peers.size(); i++) {
            Peer p = peers.get(i);
            int rate = p.codec().sampleRate();
            short[] pcm = lastFrames(p.heard(), 30);
            for (int j = 0; j < peers.size(); j++) {
                Goertzel tone = new Goertzel(peers.get(j).hz(), rate);
                List<String> blocks = new ArrayList<>();
                double share = 0;
                int block = rate / 10;
                for (int at = 0; at + block <= pcm.length; at += block) {
                    double s = tone.share(pcm, at, block);
                    blocks.add(String.format("%.2f", s));
                    share += s / (pcm.length / block);
                }
                if (i == j) {
                    assertThat(share)
                            .as("p%d hears itself; blocks %s", i, blocks)
                            .isLessThan(0.02);
                } else {
                    assertThat(share)
                            .as("p%d hears p%d; blocks %s", i, j, blocks)
                            .isGreaterThan(0.2);
                }
            }
        }
    }

    private void join(String conference, double hz, double highHz, PeerCodec codec) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(200);
        String body = "{\"formats\":[" + codec.formatJson() + "]," + "\"remoteRtp\":\"127.0.0.1:"
                + socket.getLocalPort() + "\"}";
        String answer = mixer.body("PUT", "/v1/conferences/" + conference + "/endpoints/p" + peers.size(), body);
        int port = Integer.parseInt(answer.replaceAll(".*\"rtpPort\":(\\d+).*", "$1"));
        peers.add(new Peer(
                socket, new InetSocketAddress("127.0.0.1", port), hz, highHz, codec, new CopyOnWriteArrayList<>()));
    }

    /** Everyone sends its tone for {@link #FRAMES} frames of 20 ms while receivers collect the mix. */
    private void talk() throws Exception {
        List<Thread> receivers = new ArrayList<>();
        for (Peer p : peers) {
            Thread t = new Thread(() -> receive(p));
            t.start();
            receivers.add(t);
        }
        long start = System.nanoTime();
        for (int k = 0; k < FRAMES; k++) {
            for (int i = 0; i < peers.size(); i++) {
                Peer p = peers.get(i);
                int rate = p.codec().sampleRate();
                short[] pcm = Tones.frame(p.hz(), 8000, (long) k * rate / 50, rate);
                if (p.highHz() > 0) {
                    short[] high = Tones.frame(p.highHz(), 4000, (long) k * rate / 50, rate);
                    for (int s = 0; s < pcm.length; s++) {
                        pcm[s] += high[s];
                    }
                }
                byte[] packet = p.codec().rtp(k, 0x1000 + i, p.codec().encode(pcm));
                p.socket().send(new DatagramPacket(packet, packet.length, p.mixer()));
            }
            long next = start + (k + 1) * 20_000_000L;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        sendingDone = true;
        for (Thread t : receivers) {
            t.join(5_000);
        }
    }

    /** Collects decoded frames in arrival order (loopback keeps order) until the senders are done. */
    private void receive(Peer peer) {
        byte[] buf = new byte[1500];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FRAMES / 50 + 10);
        while (System.nanoTime() < deadline && !sendingDone) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                peer.socket().receive(p);
                if (p.getLength() > 12
                        && RtpHeader.payloadType(buf, 0) == peer.codec().payloadType()) {
                    peer.heard().add(peer.codec().decode(buf, 12, p.getLength() - 12));
                }
            } catch (SocketTimeoutException e) {
                continue;
            } catch (java.io.IOException | OpusException e) {
                return;
            }
        }
    }

    /**
     * The {@code count} frames before the last 20: the tail is left out because the mixer's
     * jitter buffers lag the senders by up to 200 ms, and a loaded host stretches the senders'
     * last frames.
     */
    private static short[] lastFrames(List<short[]> frames, int count) {
        assertThat(frames).as("frames received").hasSizeGreaterThan(count + 20);
        List<short[]> window = frames.subList(frames.size() - count - 20, frames.size() - 20);
        int size = window.get(0).length;
        short[] pcm = new short[count * size];
        for (int f = 0; f < count; f++) {
            System.arraycopy(window.get(f), 0, pcm, f * size, size);
        }
        return pcm;
    }

    private MixerProcess startDaemon(String io) throws Exception {
        MixerProcess started = MixerProcess.start(dir, io);
        assertThat(started.listening()).as("the transport asked for").contains(" io=" + io + " ");
        return started;
    }
}
