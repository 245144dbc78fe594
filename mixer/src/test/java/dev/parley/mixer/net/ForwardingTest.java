package dev.parley.mixer.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.mixer.MixerConfig;
import dev.parley.mixer.PortRange;
import dev.parley.mixer.audio.OpusCodecs;
import dev.parley.mixer.engine.Direction;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.engine.MediaCounters;
import dev.parley.mixer.engine.MediaKind;
import dev.parley.mixer.engine.MixerDrop;
import dev.parley.mixer.engine.PayloadFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The forwarding path through real sockets on 127.0.0.1: the engine and its Netty workers in
 * this JVM, on each transport, and peers with plain UDP sockets. Latched ports are connected to
 * their peers and sends reuse pooled buffers; what a receiver gets must still be exactly what was
 * sent, every time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForwardingTest {
    private static final PayloadFormat VP8 = new PayloadFormat(96, "VP8", 90000);

    private MixerEngine engine;
    private final List<DatagramSocket> sockets = new ArrayList<>();

    private void start(MixerConfig.Io io) throws IOException {
        start(io, 1);
    }

    private void start(MixerConfig.Io io, int readBatch) throws IOException {
        MixerConfig config = new MixerConfig(
                new InetSocketAddress("127.0.0.1", 0),
                InetAddress.getLoopbackAddress(),
                new PortRange(44000, 44999),
                "token",
                2,
                Duration.ZERO,
                io,
                OpusCodecs.Choice.AUTO,
                readBatch,
                0);
        engine = new MixerEngine(config, (c, e, k, ms) -> {}, (c, e, ms) -> {}, System::nanoTime);
        engine.createConference("room");
    }

    @AfterEach
    void stop() {
        sockets.forEach(DatagramSocket::close);
        if (engine != null) {
            engine.close();
        }
    }

    private DatagramSocket peer() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(2000);
        s.setReceiveBufferSize(1 << 20);
        sockets.add(s);
        return s;
    }

    /** Adds (or moves) a video endpoint whose peer is {@code at}; returns the mixer's port for it. */
    private InetSocketAddress join(String id, DatagramSocket at) throws Exception {
        EndpointSpec spec = new EndpointSpec(
                id,
                id,
                MediaKind.VIDEO,
                List.of(VP8),
                Optional.of((InetSocketAddress) at.getLocalSocketAddress()),
                Optional.empty(),
                List.of(),
                false,
                Direction.SENDRECV,
                true);
        return new InetSocketAddress(
                "127.0.0.1", engine.putEndpoint("room", spec).rtpPort());
    }

    /** Alice and bob in the room, the mixer's ports for them, each port latched by one packet. */
    private record Pair(
            DatagramSocket alice, InetSocketAddress alicePort, DatagramSocket bob, InetSocketAddress bobPort) {}

    private Pair latchedPair(SplittableRandom random) throws Exception {
        DatagramSocket alice = peer();
        DatagramSocket bob = peer();
        Pair pair = new Pair(alice, join("alice", alice), bob, join("bob", bob));
        byte[] fromAlice = rtp(0, 0xA11CE, random);
        alice.send(new DatagramPacket(fromAlice, fromAlice.length, pair.alicePort()));
        assertThat(receive(bob, 1)).singleElement().isEqualTo(fromAlice);
        byte[] fromBob = rtp(0, 0xB0B, random);
        bob.send(new DatagramPacket(fromBob, fromBob.length, pair.bobPort()));
        assertThat(receive(alice, 1)).singleElement().isEqualTo(fromBob);
        return pair;
    }

    private static byte[] rtp(int sequence, long ssrc, SplittableRandom random) {
        byte[] packet = new byte[12 + 20 + random.nextInt(1100)];
        RtpHeaderWriter.writeFixed(packet, 0, false, 96, sequence, 3000L * sequence, ssrc);
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) random.nextInt(256);
        }
        return packet;
    }

    private static List<byte[]> receive(DatagramSocket at, int count) throws IOException {
        List<byte[]> out = new ArrayList<>();
        byte[] buf = new byte[2048];
        while (out.size() < count) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                at.receive(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
            out.add(Arrays.copyOf(buf, p.getLength()));
        }
        return out;
    }

    /** Nothing more arrives within 300 ms. */
    private static void assertQuiet(DatagramSocket at) throws IOException {
        at.setSoTimeout(300);
        assertThat(receive(at, 1)).isEmpty();
        at.setSoTimeout(2000);
    }

    private MediaCounters counters() throws IOException {
        MediaCounters total = new MediaCounters();
        engine.snapshot().forEach(w -> total.addAll(w.counters()));
        return total;
    }

    private static String key(byte[] packet) {
        return Long.toHexString(RtpHeader.ssrc(packet, 0)) + "/" + RtpHeader.sequenceNumber(packet, 0);
    }

    @ParameterizedTest(name = "--io {0}")
    @EnumSource(MixerConfig.Io.class)
    void everyReceiverGetsEveryOtherPacketByteForByteAndNeverItsOwn(MixerConfig.Io io) throws Exception {
        start(io);
        everyReceiverGetsEveryOtherPacket();
    }

    /** {@code --read-batch 16}: recvmmsg on the connected ports, the same packets. */
    @Test
    void batchedReadsForwardTheSamePackets() throws Exception {
        start(MixerConfig.Io.EPOLL, 16);
        everyReceiverGetsEveryOtherPacket();
    }

    private void everyReceiverGetsEveryOtherPacket() throws Exception {
        int n = 3;
        int perPeer = 300;
        DatagramSocket[] peers = new DatagramSocket[n];
        InetSocketAddress[] ports = new InetSocketAddress[n];
        for (int i = 0; i < n; i++) {
            peers[i] = peer();
            ports[i] = join("p" + i, peers[i]);
        }
        SplittableRandom random = new SplittableRandom(5);
        Map<String, byte[]> sent = new HashMap<>();
        for (int k = 0; k < perPeer; k++) {
            for (int i = 0; i < n; i++) {
                byte[] packet = rtp(k, 0x1000 + i, random);
                sent.put(key(packet), packet);
                peers[i].send(new DatagramPacket(packet, packet.length, ports[i]));
            }
            if (k % 5 == 4) {
                Thread.sleep(2); // bursts the mixer's socket buffers hold on a busy host
            }
        }

        for (int i = 0; i < n; i++) {
            List<byte[]> got = receive(peers[i], (n - 1) * perPeer);
            assertThat(got).as("p%d's packets", i).hasSize((n - 1) * perPeer);
            Map<String, byte[]> byKey = new HashMap<>();
            for (byte[] p : got) {
                assertThat(byKey.put(key(p), p))
                        .as("p%d got %s twice", i, key(p))
                        .isNull();
                assertThat(p).as("p%d got %s", i, key(p)).isEqualTo(sent.get(key(p)));
                assertThat(RtpHeader.ssrc(p, 0)).as("p%d got its own packet", i).isNotEqualTo(0x1000L + i);
            }
        }
        MediaCounters counters = counters();
        assertThat(counters.get(MediaCounters.Count.PACKETS_IN)).isEqualTo((long) n * perPeer);
        assertThat(counters.get(MediaCounters.Count.RTP_OUT)).isEqualTo((long) n * (n - 1) * perPeer);
    }

    @ParameterizedTest(name = "--io {0}")
    @EnumSource(MixerConfig.Io.class)
    void aStrangerNeverReachesALatchedPortAndBadPacketsAreCounted(MixerConfig.Io io) throws Exception {
        start(io);
        SplittableRandom random = new SplittableRandom(7);
        Pair pair = latchedPair(random);
        DatagramSocket alice = pair.alice();
        DatagramSocket bob = pair.bob();
        InetSocketAddress alicePort = pair.alicePort();
        DatagramSocket stranger = peer();

        byte[] forged = rtp(2, 0xA11CE, random);
        stranger.send(new DatagramPacket(forged, forged.length, alicePort));
        byte[] truncated = {(byte) 0x80, 96, 0, 3, 0};
        alice.send(new DatagramPacket(truncated, truncated.length, alicePort));
        byte[] notRtp = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        alice.send(new DatagramPacket(notRtp, notRtp.length, alicePort));
        byte[] second = rtp(3, 0xA11CE, random);
        alice.send(new DatagramPacket(second, second.length, alicePort));

        assertThat(receive(bob, 1)).singleElement().isEqualTo(second);
        assertQuiet(bob);
        MediaCounters counters = counters();
        assertThat(counters.get(DropReason.RTP_TOO_SHORT)).isEqualTo(1);
        assertThat(counters.get(MixerDrop.NOT_RTP)).isEqualTo(1);
        assertThat(counters.get(MediaCounters.Count.RTP_OUT)).isEqualTo(3);
        if (io == MixerConfig.Io.EPOLL) {
            // The connected port: the kernel keeps the stranger's datagram from the worker.
            assertThat(counters.get(MediaCounters.Count.PACKETS_IN)).isEqualTo(5);
            assertThat(counters.get(MixerDrop.UNEXPECTED_SOURCE)).isZero();
        } else {
            assertThat(counters.get(MediaCounters.Count.PACKETS_IN)).isEqualTo(6);
            assertThat(counters.get(MixerDrop.UNEXPECTED_SOURCE)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "--io {0}")
    @EnumSource(MixerConfig.Io.class)
    void anEndpointThatMovesIsHeardAndReachedAtItsNewAddress(MixerConfig.Io io) throws Exception {
        start(io);
        SplittableRandom random = new SplittableRandom(9);
        Pair pair = latchedPair(random);
        DatagramSocket alice = pair.alice();
        DatagramSocket bob = pair.bob();
        InetSocketAddress alicePort = pair.alicePort();
        InetSocketAddress bobPort = pair.bobPort();

        // Alice's re-INVITE moves her to a new port; one more packet from the old one arrives late.
        DatagramSocket moved = peer();
        assertThat(join("alice", moved)).isEqualTo(alicePort);
        byte[] late = rtp(2, 0xA11CE, random);
        alice.send(new DatagramPacket(late, late.length, alicePort));
        byte[] after = rtp(3, 0xA11CE, random);
        moved.send(new DatagramPacket(after, after.length, alicePort));
        assertThat(receive(bob, 1)).singleElement().isEqualTo(after);
        byte[] fromBob = rtp(1, 0xB0B, random);
        bob.send(new DatagramPacket(fromBob, fromBob.length, bobPort));

        assertThat(receive(moved, 1)).singleElement().isEqualTo(fromBob);
        assertQuiet(alice);
        assertQuiet(bob);
        assertThat(counters().get(MixerDrop.UNEXPECTED_SOURCE)).isEqualTo(1);
    }

    /**
     * With epoll a latched port is connected, so the ICMP port unreachable that a departed peer
     * causes comes back as an error on the mixer's socket: it is counted, and the socket keeps
     * working for the peer when it returns on the same port.
     */
    @Test
    void aPeerThatGoesAwayAndComesBackIsReachedAgain() throws Exception {
        start(MixerConfig.Io.EPOLL);
        SplittableRandom random = new SplittableRandom(13);
        Pair pair = latchedPair(random);
        DatagramSocket alice = pair.alice();
        DatagramSocket bob = pair.bob();
        InetSocketAddress alicePort = pair.alicePort();
        InetSocketAddress bobPort = pair.bobPort();

        InetSocketAddress bobAt = (InetSocketAddress) bob.getLocalSocketAddress();
        bob.close();
        for (int k = 0; k < 5; k++) {
            byte[] lost = rtp(10 + k, 0xA11CE, random);
            alice.send(new DatagramPacket(lost, lost.length, alicePort));
            Thread.sleep(20);
        }
        DatagramSocket back = new DatagramSocket(bobAt);
        back.setSoTimeout(2000);
        sockets.add(back);
        byte[] again = rtp(2, 0xB0B, random);
        back.send(new DatagramPacket(again, again.length, bobPort));
        assertThat(receive(alice, 1)).singleElement().isEqualTo(again);
        byte[] toBob = rtp(20, 0xA11CE, random);
        alice.send(new DatagramPacket(toBob, toBob.length, alicePort));

        assertThat(receive(back, 1)).singleElement().isEqualTo(toBob);
        assertThat(counters().get(MixerDrop.SEND_FAILED))
                .as("sends refused while bob was gone")
                .isPositive();
    }

    /** The native transport's promise; NIO still wraps every read and send in an envelope. */
    @Test
    void forwardingLeavesAtMostOneSmallObjectPerPacketForTheCollector() throws Exception {
        start(MixerConfig.Io.EPOLL);
        SplittableRandom random = new SplittableRandom(11);
        Pair pair = latchedPair(random);
        DatagramSocket alice = pair.alice();
        DatagramSocket bob = pair.bob();
        InetSocketAddress alicePort = pair.alicePort();
        byte[] packet = rtp(0, 0xA11CE, random);
        int rounds = 4000;
        sendAndReceive(alice, alicePort, bob, packet, rounds); // latch, pools, class loading

        long before = workerAllocatedBytes();
        sendAndReceive(alice, alicePort, bob, packet, rounds);
        long perPacket = (workerAllocatedBytes() - before) / rounds;

        // Main's path before connected ports: about 200 bytes per packet (a sender address and
        // an envelope each way). Left: the envelope Netty wraps each read in (24 bytes), and the
        // workers' own ticks.
        assertThat(perPacket)
                .as("bytes the workers allocated per forwarded packet")
                .isLessThan(64);
    }

    /** Forwards {@code rounds} packets one at a time, so the measure does not depend on batching. */
    private static void sendAndReceive(
            DatagramSocket from, InetSocketAddress to, DatagramSocket receiver, byte[] packet, int rounds)
            throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket out = new DatagramPacket(packet, packet.length, to);
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        for (int k = 0; k < rounds; k++) {
            RtpHeaderWriter.writeFixed(packet, 0, false, 96, k & 0xFFFF, 3000L * k, 0xA11CE);
            from.send(out);
            receiver.receive(in);
        }
    }

    private static long workerAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("mixer-worker")) {
                total += threads.getThreadAllocatedBytes(t.getId());
            }
        }
        return total;
    }
}
