package dev.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RtcpIntervalTest {
    private static final double COMPENSATION = Math.E - 1.5;

    @Test
    void smallSessionsUseTheMinimumInterval() {
        RtcpInterval interval = new RtcpInterval(100);
        // 2 members, 64 kbit/s audio: RTCP gets 400 octets/s, far more than 2 × 100 octets needs.
        long nanos = interval.nextNanos(2, 1, 400, true, false, 0.5);
        assertThat(nanos).isEqualTo(Math.round(5.0 / COMPENSATION * 1e9));
        assertThat(interval.nextNanos(2, 1, 400, true, true, 0.5)).isEqualTo(Math.round(2.5 / COMPENSATION * 1e9));
    }

    @Test
    void randomizationSpansHalfToOneAndAHalfTimes() {
        RtcpInterval interval = new RtcpInterval(100);
        double base = 5.0 / COMPENSATION * 1e9;
        assertThat((double) interval.nextNanos(2, 1, 400, false, false, 0.0)).isCloseTo(base * 0.5, within(1.0));
        assertThat((double) interval.nextNanos(2, 1, 400, false, false, 0.999999))
                .isCloseTo(base * 1.5, within(1e4)); // 1e-6 short of 1.5
    }

    @Test
    void largeConferenceSharesTheBandwidthBetweenReceivers() {
        RtcpInterval interval = new RtcpInterval(120);
        // 200 members, 2 senders: receivers share 75 % of 400 octets/s: 120 × 198 / 300 = 79.2 s.
        long receiver = interval.nextNanos(200, 2, 400, false, false, 0.5);
        assertThat(receiver / 1e9).isCloseTo(79.2 / COMPENSATION, within(1e-6));
        // Senders share 25 %: 120 × 2 / 100 = 2.4 s, below the 5 s minimum.
        long sender = interval.nextNanos(200, 2, 400, true, false, 0.5);
        assertThat(sender / 1e9).isCloseTo(5.0 / COMPENSATION, within(1e-6));
    }

    @Test
    void averageSizeMovesBySixteenths() {
        RtcpInterval interval = new RtcpInterval(100);
        interval.onPacket(260);
        assertThat(interval.averageSize()).isEqualTo(110.0);
    }
}
