package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.mixer.Tones;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The RTP timeout on a fake clock: who is reported silent, when, and how often. */
class RtpTimeoutTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long TIMEOUT = 30 * SECOND;

    private final Conference conference =
            new Conference("room", new MediaCounters(), (c, e, key, ms) -> {}, new SplittableRandom(1));
    private final EndpointState a = conference.add(Packets.audio("a", Packets.PCMU), new CapturingTransport());
    private int sequence;

    private void send(EndpointState to, long now, int port) {
        byte[] packet = Packets.rtp(0, sequence++, 160L * sequence, 7, Packets.pcmu(Tones.frame(440, 8000, 0)));
        conference.onDatagram(to, false, packet, 0, packet.length, Packets.address(port), now);
    }

    private List<String> silentAt(long now) {
        return conference.newlySilent(now, TIMEOUT).stream()
                .map(EndpointState::id)
                .toList();
    }

    @Test
    void anEndpointThatNeverSendsIsReportedOnceATimeoutAfterItWasAdded() {
        assertThat(silentAt(0)).isEmpty();
        assertThat(silentAt(TIMEOUT - 1)).isEmpty();
        assertThat(silentAt(TIMEOUT)).containsExactly("a");
        assertThat(Conference.silentMillis(a, TIMEOUT)).isEqualTo(30_000);
        assertThat(silentAt(TIMEOUT + SECOND)).as("reported once per silence").isEmpty();
    }

    @Test
    void trafficRestartsTheCountAndASecondSilenceIsReportedAgain() {
        silentAt(0);
        send(a, 20 * SECOND, 6000);
        assertThat(silentAt(49 * SECOND)).isEmpty();
        assertThat(silentAt(50 * SECOND)).containsExactly("a");
        send(a, 51 * SECOND, 6000);
        assertThat(silentAt(80 * SECOND)).isEmpty();
        assertThat(silentAt(81 * SECOND)).containsExactly("a");
    }

    @Test
    void packetsFromAStrangerDoNotKeepAnEndpointAlive() {
        silentAt(0);
        send(a, SECOND, 6000); // latches 127.0.0.1:6000
        for (long t = 2; t <= 31; t++) {
            send(a, t * SECOND, 6666);
        }
        assertThat(silentAt(31 * SECOND)).containsExactly("a");
    }

    @Test
    void aHeldEndpointIsNotTimedAndGetsAWholeTimeoutWhenTakenOffHold() {
        conference.update(Packets.with(a.spec(), false, Direction.INACTIVE, Optional.empty()));
        silentAt(0);
        assertThat(silentAt(100 * SECOND)).isEmpty();
        conference.update(Packets.with(a.spec(), false, Direction.SENDRECV, Optional.empty()));
        assertThat(silentAt(101 * SECOND)).isEmpty();
        assertThat(silentAt(130 * SECOND)).isEmpty();
        assertThat(silentAt(131 * SECOND)).containsExactly("a");
    }
}
