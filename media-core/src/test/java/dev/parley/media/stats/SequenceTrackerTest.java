package dev.parley.media.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void sourceIsOnProbationUntilTwoPacketsInSequence() {
        assertThat(tracker.update(1000)).isFalse();
        assertThat(tracker.isValid()).isFalse();
        assertThat(tracker.expected()).isZero();
        assertThat(tracker.update(1001)).isTrue();
        assertThat(tracker.isValid()).isTrue();
        assertThat(tracker.received()).isEqualTo(1);
        assertThat(tracker.expected()).isEqualTo(1);
        assertThat(tracker.extendedHighestSequence()).isEqualTo(1001);
    }

    @Test
    void outOfSequenceProbationStartsOver() {
        assertThat(tracker.update(10)).isFalse();
        assertThat(tracker.update(20)).isFalse();
        assertThat(tracker.update(21)).isTrue();
        assertThat(tracker.extendedHighestSequence()).isEqualTo(21);
    }

    @Test
    void wrapsIntoTheNextCycle() {
        tracker.update(65534);
        tracker.update(65535);
        assertThat(tracker.update(0)).isTrue();
        assertThat(tracker.update(1)).isTrue();
        assertThat(tracker.extendedHighestSequence()).isEqualTo(65536 + 1);
        assertThat(tracker.expected()).isEqualTo(3);
        assertThat(tracker.cumulativeLost()).isZero();
    }

    @Test
    void countsLossAndFractionPerInterval() {
        tracker.update(0);
        for (int seq = 1; seq <= 101; seq++) {
            if (seq % 10 != 0) {
                tracker.update(seq);
            }
        }
        // Probation ends at 1, the base: expected 1..101 = 101, received 91 (10, 20 ... 100 lost).
        assertThat(tracker.expected()).isEqualTo(101);
        assertThat(tracker.received()).isEqualTo(91);
        assertThat(tracker.cumulativeLost()).isEqualTo(10);
        assertThat(tracker.takeFractionLost()).isEqualTo(10 * 256 / 101);
        for (int seq = 102; seq <= 200; seq++) {
            tracker.update(seq);
        }
        assertThat(tracker.takeFractionLost()).isZero();
        assertThat(tracker.cumulativeLost()).isEqualTo(10);
    }

    @Test
    void reorderedPacketsFillTheGapWithoutMovingTheMaximum() {
        tracker.update(0);
        tracker.update(1);
        tracker.update(3);
        assertThat(tracker.cumulativeLost()).isEqualTo(1);
        assertThat(tracker.update(2)).isTrue();
        assertThat(tracker.extendedHighestSequence()).isEqualTo(3);
        assertThat(tracker.cumulativeLost()).isZero();
    }

    @Test
    void duplicatesMakeLossNegative() {
        tracker.update(0);
        tracker.update(1);
        tracker.update(1);
        assertThat(tracker.cumulativeLost()).isEqualTo(-1);
        assertThat(tracker.takeFractionLost()).isZero();
    }

    @Test
    void largeJumpIsARestartOnlyWhenTheNextPacketConfirmsIt() {
        tracker.update(0);
        tracker.update(1);
        assertThat(tracker.update(40000)).isFalse();
        assertThat(tracker.extendedHighestSequence()).isEqualTo(1);
        assertThat(tracker.update(2)).isTrue();
        assertThat(tracker.update(50000)).isFalse();
        assertThat(tracker.update(50001)).isTrue();
        assertThat(tracker.extendedHighestSequence()).isEqualTo(50001);
        assertThat(tracker.expected()).isEqualTo(1);
        assertThat(tracker.received()).isEqualTo(1);
    }
}
