package dev.parley.media.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InterarrivalJitterTest {
    private static final long MS = 1_000_000L;

    @Test
    void steadyStreamHasNoJitter() {
        InterarrivalJitter jitter = new InterarrivalJitter(8000);
        for (int i = 0; i < 50; i++) {
            jitter.update(160L * i + 12345, 1_000 * MS + 20 * MS * i);
        }
        assertThat(jitter.jitter()).isZero();
    }

    @Test
    void oneLatePacketFollowsTheSixteenthGainOfRfc3550() {
        InterarrivalJitter jitter = new InterarrivalJitter(8000);
        jitter.update(0, 0);
        jitter.update(160, 30 * MS); // 10 ms late: D = 80 units; J = 80/16
        assertThat(jitter.jitter()).isEqualTo(5);
        jitter.update(320, 40 * MS); // back on time: D = 80 again; J16 = 80 + 80 - 5
        assertThat(jitter.jitter()).isEqualTo(9);
        jitter.update(480, 60 * MS); // D = 0: J16 = 155 - 10
        assertThat(jitter.jitter()).isEqualTo(9);
        assertThat(jitter.jitterNanos()).isEqualTo(145 * 1_000_000_000L / 8000 / 16);
    }

    @Test
    void matchesTheFloatingPointFormulaOfSectionA8() {
        InterarrivalJitter jitter = new InterarrivalJitter(48000);
        Random random = new Random(7);
        double reference = 0;
        long previousTransit = 0;
        for (int i = 0; i < 2000; i++) {
            long timestamp = 960L * i;
            long delayUnits = random.nextInt(480);
            long arrivalUnits = timestamp + delayUnits + 5_000_000;
            jitter.update(timestamp, arrivalUnits * 1_000_000_000L / 48000);
            long transit = arrivalUnits - timestamp;
            if (i > 0) {
                reference += (Math.abs(transit - previousTransit) - reference) / 16;
            }
            previousTransit = transit;
        }
        assertThat((double) jitter.jitter()).isCloseTo(reference, within(reference * 0.05 + 2));
        assertThat(jitter.jitter()).isBetween(100L, 250L);
    }

    @Test
    void timestampWrapDoesNotLookLikeJitter() {
        InterarrivalJitter jitter = new InterarrivalJitter(8000);
        long start = 0xffffffffL - 320;
        for (int i = 0; i < 10; i++) {
            jitter.update((start + 160L * i) & 0xffffffffL, 20 * MS * i);
        }
        assertThat(jitter.jitter()).isZero();
    }
}
