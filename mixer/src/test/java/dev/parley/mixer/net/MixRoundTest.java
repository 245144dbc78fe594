package dev.parley.mixer.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.mixer.MixerConfig;
import dev.parley.mixer.PortRange;
import dev.parley.mixer.audio.OpusCodecs;
import dev.parley.mixer.engine.Direction;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.engine.MediaCounters;
import dev.parley.mixer.engine.MediaKind;
import dev.parley.mixer.engine.PayloadFormat;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's mixing: each conference has its place in the 20 ms period, and the mixing runs in
 * slices with the sockets served in between. On a clock where every reading costs 250 µs (more
 * than a slice, and running ahead of the loop's timer), every conference must still get its mix
 * each tick, one deleted meanwhile must not stop the others, and the mixes that start more than
 * 5 ms after their deadline are counted late.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MixRoundTest {
    private static final int ROOMS = 10;

    private MixerEngine engine;
    private final List<DatagramSocket> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(DatagramSocket::close);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aRoundInSlicesMixesEveryConferenceEveryTickAndCountsTheLateOnes() throws Exception {
        AtomicLong mixing = new AtomicLong();
        MixerConfig config = oneWorker(new PortRange(45000, 45999));
        engine = new MixerEngine(
                config, (c, e, k, ms) -> {}, (c, e, ms) -> {}, () -> System.nanoTime() + mixing.addAndGet(250_000));
        for (int i = 0; i < ROOMS; i++) {
            DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            peer.setSoTimeout(5000);
            peers.add(peer);
            engine.createConference("c" + i);
            engine.putEndpoint("c" + i, pcmu("p" + i, peer));
        }
        for (DatagramSocket peer : peers) {
            assertThat(mixes(peer, 5))
                    .as("mixes at %s", peer.getLocalSocketAddress())
                    .isEqualTo(5);
        }

        engine.deleteConference("c3");
        peers.remove(3).close();
        for (DatagramSocket peer : peers) {
            drain(peer);
        }
        for (DatagramSocket peer : peers) {
            assertThat(mixes(peer, 5))
                    .as("mixes at %s after c3 went", peer.getLocalSocketAddress())
                    .isEqualTo(5);
        }
        // How far the clock runs ahead depends on how often it was read, so the first late mix
        // can take a few more ticks on a busy host: keep mixing (and checking) for up to 5 s.
        long late = 0;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); late == 0 && System.nanoTime() < end; ) {
            MediaCounters counters = new MediaCounters();
            engine.snapshot().forEach(w -> counters.addAll(w.counters()));
            late = counters.get(MediaCounters.Count.MIX_TICKS_LATE);
            if (late == 0) {
                for (DatagramSocket peer : peers) {
                    assertThat(mixes(peer, 5)).isEqualTo(5);
                }
            }
        }
        assertThat(late).as("mixes counted late").isPositive();
    }

    /**
     * Four conferences on one worker are mixed at four places in the 20 ms period, not all at
     * once: each next conference takes the middle of the largest gap, so after the first (0 ms)
     * come 10, 5 and 15 ms. Read from when each one's mix packets arrive.
     */
    @Test
    void theConferencesOfAWorkerAreMixedAtSpreadOutMomentsOfThePeriod() throws Exception {
        MixerConfig config = oneWorker(new PortRange(46000, 46999));
        engine = new MixerEngine(config, (c, e, k, ms) -> {}, (c, e, ms) -> {}, System::nanoTime);
        for (int i = 0; i < 4; i++) {
            DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            peer.setSoTimeout(5000);
            peers.add(peer);
            engine.createConference("c" + i);
            engine.putEndpoint("c" + i, pcmu("p" + i, peer));
        }
        List<Thread> readers = new ArrayList<>();
        List<List<Long>> arrivals = new ArrayList<>();
        for (DatagramSocket peer : peers) {
            List<Long> times = new ArrayList<>();
            arrivals.add(times);
            Thread t = new Thread(() -> {
                byte[] buf = new byte[2048];
                try {
                    for (int k = 0; k < 40; k++) {
                        peer.receive(new DatagramPacket(buf, buf.length));
                        times.add(System.nanoTime());
                    }
                } catch (IOException e) {
                    // fewer arrivals: the assertions below say so
                }
            });
            t.start();
            readers.add(t);
        }
        for (Thread t : readers) {
            t.join();
        }
        long[] expected = {10, 5, 15};
        for (int i = 1; i < 4; i++) {
            assertThat(arrivals.get(i)).as("mixes of c%d", i).hasSize(40);
            assertThat(offsetMillis(arrivals.get(0), arrivals.get(i)))
                    .as("c%d's place in the period after c0's", i)
                    .isCloseTo(expected[i - 1], org.assertj.core.data.Offset.offset(3L));
        }
    }

    /** The median of how long after each of {@code first}'s arrivals (mod 20 ms) {@code other}'s next one came, in ms. */
    private static long offsetMillis(List<Long> first, List<Long> other) {
        List<Long> offsets = new ArrayList<>();
        // The first arrivals are left out: they may come before the worker settles.
        for (int k = 10; k < first.size(); k++) {
            long t = first.get(k);
            for (long u : other) {
                if (u >= t) {
                    offsets.add(Math.floorMod(u - t, 20_000_000L) / 1_000_000L);
                    break;
                }
            }
        }
        offsets.sort(null);
        return offsets.get(offsets.size() / 2);
    }

    /** One worker, so every conference of the test shares its period. */
    private static MixerConfig oneWorker(PortRange ports) {
        return new MixerConfig(
                new InetSocketAddress("127.0.0.1", 0),
                InetAddress.getLoopbackAddress(),
                ports,
                "token",
                1,
                Duration.ZERO,
                MixerConfig.Io.best(),
                OpusCodecs.Choice.CONCENTUS);
    }

    private static EndpointSpec pcmu(String id, DatagramSocket peer) {
        return new EndpointSpec(
                id,
                id,
                MediaKind.AUDIO,
                List.of(new PayloadFormat(0, "PCMU", 8000)),
                Optional.of((InetSocketAddress) peer.getLocalSocketAddress()),
                Optional.empty(),
                List.of(),
                false,
                Direction.SENDRECV,
                true);
    }

    /** Waits for {@code count} mix packets at the peer; returns how many came. */
    private static int mixes(DatagramSocket peer, int count) throws IOException {
        byte[] buf = new byte[2048];
        int got = 0;
        while (got < count) {
            try {
                peer.receive(new DatagramPacket(buf, buf.length));
            } catch (SocketTimeoutException e) {
                return got;
            }
            got++;
        }
        return got;
    }

    private static void drain(DatagramSocket peer) throws IOException {
        byte[] buf = new byte[2048];
        peer.setSoTimeout(1);
        try {
            while (true) {
                peer.receive(new DatagramPacket(buf, buf.length));
            }
        } catch (SocketTimeoutException e) {
            peer.setSoTimeout(5000);
        }
    }
}
