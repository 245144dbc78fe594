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
 * A worker's 20 ms round in slices: on a clock where every reading costs 250 µs (more than a
 * slice), each slice mixes one conference and the loop serves its sockets in between. Every
 * conference must still get its mix each tick, one deleted in the middle of a round must not
 * stop the others, and the mixes that ran more than 5 ms after the tick's deadline are counted
 * late, conference by conference (the round's last ones, about three readings per conference
 * after it started).
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
        MixerConfig config = new MixerConfig(
                new InetSocketAddress("127.0.0.1", 0),
                InetAddress.getLoopbackAddress(),
                new PortRange(45000, 45999),
                "token",
                1,
                Duration.ZERO,
                MixerConfig.Io.best(),
                OpusCodecs.Choice.CONCENTUS);
        engine = new MixerEngine(
                config, (c, e, k, ms) -> {}, (c, e, ms) -> {}, () -> System.nanoTime() + mixing.addAndGet(250_000));
        for (int i = 0; i < ROOMS; i++) {
            DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            peer.setSoTimeout(5000);
            peers.add(peer);
            engine.createConference("c" + i);
            engine.putEndpoint(
                    "c" + i,
                    new EndpointSpec(
                            "p" + i,
                            "p" + i,
                            MediaKind.AUDIO,
                            List.of(new PayloadFormat(0, "PCMU", 8000)),
                            Optional.of((InetSocketAddress) peer.getLocalSocketAddress()),
                            Optional.empty(),
                            List.of(),
                            false,
                            Direction.SENDRECV,
                            true));
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
        MediaCounters counters = new MediaCounters();
        engine.snapshot().forEach(w -> counters.addAll(w.counters()));
        assertThat(counters.get(MediaCounters.Count.MIX_TICKS_LATE)).isPositive();
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
