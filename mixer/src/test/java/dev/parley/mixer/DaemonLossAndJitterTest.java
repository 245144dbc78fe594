package dev.parley.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.tone.Goertzel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loss test through the real daemon and real UDP: a PCMU talker (400 Hz) and an Opus
 * talker (1 kHz) whose test sender drops 5 % of the packets and holds each of the others back by
 * a random 0-30 ms, so some arrive out of order; a PCMU listener and an Opus listener must hear
 * both tones in every 20 ms frame of theirs but, at most, one frame in a row (no gap longer than
 * 20 ms). Both tones have a whole number of periods in 20 ms, so each frame is measured alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaemonLossAndJitterTest {
    private static final long FRAME_NANOS = 20_000_000L;
    /** 6 s of talk. */
    private static final int FRAMES = 300;

    private static final int AMPLITUDE = 8000;
    /** A tone counts as heard in a frame at 30 % of its amplitude (a concealed frame fades by quarters). */
    private static final double HEARD = 0.3 * AMPLITUDE;
    /** Frames skipped at the start (the jitter buffers settle) and at the end (the senders stop). */
    private static final int SETTLE = 25;

    private static final int TALKER_HZ_PCMU = 400;
    private static final int TALKER_HZ_OPUS = 1000;

    @TempDir
    Path dir;

    private MixerProcess mixer;
    private volatile boolean talkOver;
    private final List<DatagramSocket> sockets = new ArrayList<>();

    /** A participant: its socket, the mixer port it sends to, its codec. */
    private record Peer(DatagramSocket socket, InetSocketAddress mixer, PeerCodec codec) {}

    /** One packet the sender holds until {@code atNanos} after the start. */
    private record Delayed(long atNanos, int frame, Peer from, byte[] packet) {}

    @AfterEach
    void stop() {
        sockets.forEach(DatagramSocket::close);
        if (mixer != null) {
            mixer.close();
        }
    }

    /** What the test sender did: packets dropped, sent out of order, and how late the host let it be. */
    private record Sent(int dropped, int reordered, long worstLateNanos) {}

    @Test
    void bothTonesComeThroughFivePercentLossAndThirtyMillisecondsOfJitter() throws Exception {
        mixer = MixerProcess.start(dir, "epoll");
        assertThat(mixer.listening()).endsWith(" opus=libopus");
        List<TreeMap<Long, short[]>> heard = new ArrayList<>();
        Sent sent = talk("lossy", heard);
        // A loaded host can hold the test's own sender back beyond the injected jitter; a failure
        // then says by how much.
        String late = String.format(
                java.util.Locale.ROOT,
                " (the host delayed the test sender by up to %.1f ms beyond the injected jitter)",
                sent.worstLateNanos() / 1e6);
        assertThat(sent.dropped()).as("packets dropped by the sender").isBetween(15, 45);
        assertThat(sent.reordered()).as("packets sent out of order").isPositive();
        assertHeardThroughout("the PCMU listener" + late, heard.get(0), 8000);
        assertHeardThroughout("the Opus listener" + late, heard.get(1), 48000);
        assertThat(mixer.body("GET", "/metrics", ""))
                .contains("parley_mixer_opus_info{implementation=\"libopus\"} 1")
                .contains("parley_mixer_opus_native_states 4\n"); // two Opus endpoints
        assertThat(mixer.call("DELETE", "/v1/conferences/lossy", "")).isEqualTo(204);
        assertThat(mixer.body("GET", "/metrics", "")).contains("parley_mixer_opus_native_states 0\n");
    }

    /** Makes the room, joins the four, talks through the lossy sender; what the listeners heard goes to {@code heard}. */
    private Sent talk(String room, List<TreeMap<Long, short[]>> heard) throws Exception {
        assertThat(mixer.call("PUT", "/v1/conferences/" + room, "")).isEqualTo(201);
        Peer pcmuTalker = join(room, "pcmu-talker", PeerCodec.pcmu());
        Peer opusTalker = join(room, "opus-talker", PeerCodec.opus());
        Peer pcmuListener = join(room, "pcmu-listener", PeerCodec.pcmu());
        Peer opusListener = join(room, "opus-listener", PeerCodec.opus());
        talkOver = false;

        List<Thread> receivers = new ArrayList<>();
        for (Peer listener : List.of(pcmuListener, opusListener)) {
            TreeMap<Long, short[]> frames = new TreeMap<>();
            heard.add(frames);
            Thread t = new Thread(() -> receive(listener, frames), "listener");
            t.start();
            receivers.add(t);
        }
        Sent sent = send(List.of(pcmuTalker, opusTalker));
        Thread.sleep(500); // the jitter buffers drain
        talkOver = true;
        for (Thread t : receivers) {
            t.join(5_000);
        }
        return sent;
    }

    private Peer join(String room, String id, PeerCodec codec) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(200);
        sockets.add(socket);
        String answer = mixer.body(
                "PUT",
                "/v1/conferences/" + room + "/endpoints/" + id,
                "{\"formats\":[" + codec.formatJson() + "],\"remoteRtp\":\"127.0.0.1:" + socket.getLocalPort() + "\"}");
        int port = Integer.parseInt(answer.replaceAll(".*\"rtpPort\":(\\d+).*", "$1"));
        return new Peer(socket, new InetSocketAddress("127.0.0.1", port), codec);
    }

    /**
     * The lossy network in the test sender: each talker encodes its frames in order every 20 ms;
     * 5 % are dropped, the others sent after a random 0-30 ms. Notes how much later than
     * planned the host let it send anything.
     */
    private static Sent send(List<Peer> talkers) throws Exception {
        // Everything is encoded and the network's decisions are drawn before the clock starts, so
        // the timed loop only sends.
        Random network = new Random(20261125);
        List<Delayed> plan = new ArrayList<>();
        int dropped = 0;
        for (int k = 0; k < FRAMES; k++) {
            for (int t = 0; t < talkers.size(); t++) {
                Peer p = talkers.get(t);
                int rate = p.codec().sampleRate();
                int hz = t == 0 ? TALKER_HZ_PCMU : TALKER_HZ_OPUS;
                byte[] payload = p.codec().encode(Tones.frame(hz, AMPLITUDE, (long) k * rate / 50, rate));
                if (network.nextDouble() < 0.05) {
                    dropped++;
                    continue;
                }
                long due = k * FRAME_NANOS + (long) (network.nextDouble() * 30_000_000L);
                plan.add(new Delayed(due, k, p, p.codec().rtp(k, 0x1000 + t, payload)));
            }
        }
        plan.sort(Comparator.comparingLong(Delayed::atNanos));
        int reordered = 0;
        long worstLate = 0;
        int[] lastSent = new int[talkers.size()];
        java.util.Arrays.fill(lastSent, -1);
        long start = System.nanoTime();
        for (Delayed d : plan) {
            LockSupport.parkNanos(start + d.atNanos() - System.nanoTime());
            worstLate = Math.max(worstLate, System.nanoTime() - start - d.atNanos());
            int t = talkers.indexOf(d.from());
            reordered += d.frame() < lastSent[t] ? 1 : 0;
            lastSent[t] = Math.max(lastSent[t], d.frame());
            d.from()
                    .socket()
                    .send(new DatagramPacket(
                            d.packet(), d.packet().length, d.from().mixer()));
        }
        return new Sent(dropped, reordered, worstLate);
    }

    /** Collects the mixer's packets by (extended) sequence number until the talk is over. */
    private void receive(Peer listener, TreeMap<Long, short[]> frames) {
        byte[] buf = new byte[1500];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FRAMES / 50 + 10);
        int first = -1;
        long highest = 0;
        while (System.nanoTime() < deadline && !talkOver) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                listener.socket().receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (java.io.IOException e) {
                return;
            }
            if (p.getLength() <= 12
                    || RtpHeader.payloadType(buf, 0) != listener.codec().payloadType()) {
                continue;
            }
            int sequence = RtpHeader.sequenceNumber(buf, 0);
            if (first < 0) {
                first = sequence;
            }
            // Sequence numbers relative to the first, extended past a wrap (RFC 3550 A.1).
            long index = (sequence - first) & 0xFFFF;
            while (index + 0x8000 < highest) {
                index += 0x10000;
            }
            highest = Math.max(highest, index);
            try {
                frames.put(index, listener.codec().decode(buf, 12, p.getLength() - 12));
            } catch (io.github.jaredmdobson.concentus.OpusException e) {
                frames.put(index, new short[0]); // undecodable: counted as a frame without the tones
            }
        }
    }

    /**
     * From the first frame with both tones to the last one (the mixer goes on sending silence
     * after the talk), less {@link #SETTLE} at each end: every frame, a missing packet counted as
     * a silent one, has both tones but for runs of at most one frame; at least 4 of the 6 s are
     * measured (so a tone lost for good fails too) and 90 % of the frames are whole.
     */
    private static void assertHeardThroughout(String who, TreeMap<Long, short[]> frames, int rate) {
        assertThat(frames).as("%s received", who).isNotEmpty();
        long first = frames.firstKey();
        long last = frames.lastKey();
        long onset = -1;
        long end = -1;
        for (long i = first; i <= last; i++) {
            if (bothTones(frames.get(i), rate)) {
                onset = onset < 0 ? i : onset;
                end = i;
            }
        }
        assertThat(onset).as("%s hears both tones at some point", who).isNotNegative();
        long from = onset + SETTLE;
        long to = end - SETTLE;
        assertThat(to - from).as("%s: frames measured", who).isGreaterThanOrEqualTo(200);
        int longestGap = 0;
        int gap = 0;
        int whole = 0;
        StringBuilder gaps = new StringBuilder();
        for (long i = from; i < to; i++) {
            boolean both = bothTones(frames.get(i), rate);
            gap = both ? 0 : gap + 1;
            whole += both ? 1 : 0;
            if (!both) {
                short[] pcm = frames.get(i);
                gaps.append(i - from)
                        .append(
                                pcm == null || pcm.length != rate / 50
                                        ? "(missing)"
                                        : String.format(
                                                java.util.Locale.ROOT,
                                                "(%.0f/%.0f)",
                                                new Goertzel(TALKER_HZ_PCMU, rate).amplitude(pcm, 0, pcm.length),
                                                new Goertzel(TALKER_HZ_OPUS, rate).amplitude(pcm, 0, pcm.length)))
                        .append(' ');
            }
            longestGap = Math.max(longestGap, gap);
        }
        assertThat(longestGap)
                .as("%s: longest run of frames without both tones; frames without: %s", who, gaps)
                .isLessThanOrEqualTo(1);
        assertThat(whole).as("%s: frames with both tones", who).isGreaterThan((int) ((to - from) * 9 / 10));
    }

    private static boolean bothTones(short[] pcm, int rate) {
        if (pcm == null || pcm.length != rate / 50) {
            return false;
        }
        return new Goertzel(TALKER_HZ_PCMU, rate).amplitude(pcm, 0, pcm.length) > HEARD
                && new Goertzel(TALKER_HZ_OPUS, rate).amplitude(pcm, 0, pcm.length) > HEARD;
    }
}
