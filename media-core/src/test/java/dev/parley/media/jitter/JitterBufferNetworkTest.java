package dev.parley.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The jitter buffer against {@link FakeNetwork}: reordering, loss and clock drift, one minute each. */
class JitterBufferNetworkTest {
    private static final int FRAMES = 3000;

    private final JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.narrowband20ms());

    @Test
    void thirtyMillisecondsOfJitterAndFivePercentLoss() {
        FakeNetwork network = new FakeNetwork(FRAMES, 0, 30, 0.05, 1);
        int[] played = network.runTicks(buffer, FRAMES);
        assertPlayedInOrder(played);
        FrameCounters c = buffer.counters();
        assertThat(buffer.targetDelayFrames()).isBetween(3, 4);
        assertThat(c.late()).as("late frames").isLessThan(FRAMES / 100);
        assertThat(c.played()).as("played").isGreaterThan(network.delivered() - FRAMES / 100 - 10);
        assertThat(c.played() + c.concealed() + c.silent() + c.buffering()).isEqualTo(FRAMES);
        assertThat(c.skipped()).isLessThan(FRAMES / 50);
    }

    @Test
    void steadyNetworkSettlesAtTheMinimumDelay() {
        FakeNetwork network = new FakeNetwork(FRAMES, 0, 0, 0, 2);
        int[] played = network.runTicks(buffer, FRAMES);
        assertPlayedInOrder(played);
        assertThat(buffer.targetDelayFrames()).isEqualTo(2);
        assertThat(buffer.counters().concealed() + buffer.counters().silent()).isZero();
        assertThat(buffer.counters().played())
                .isEqualTo(FRAMES - buffer.counters().buffering());
    }

    @Test
    void fasterSenderClockIsAbsorbedBySkippingFrames() {
        FakeNetwork network = new FakeNetwork(FRAMES, 0.005, 10, 0, 3); // +0.5 %: 15 frames a minute
        int[] played = network.runTicks(buffer, FRAMES - 50); // stop while the sender still sends
        assertPlayedInOrder(played);
        FrameCounters c = buffer.counters();
        assertThat(c.skipped()).as("skipped").isBetween(10L, 25L);
        assertThat(buffer.bufferedFrames()).isLessThanOrEqualTo(buffer.targetDelayFrames() + 2);
        assertThat(c.concealed() + c.silent()).isZero();
    }

    @Test
    void slowerSenderClockIsAbsorbedByHoldingPlayout() {
        FakeNetwork network = new FakeNetwork(FRAMES, -0.005, 10, 0, 4); // -0.5 %: 15 frames short
        int[] played = network.runTicks(buffer, FRAMES);
        assertPlayedInOrder(played);
        FrameCounters c = buffer.counters();
        assertThat(c.concealed() + c.silent()).as("held ticks").isBetween(10L, 30L);
        assertThat(c.late()).isLessThan(10);
        assertThat(c.skipped()).isLessThan(10);
    }

    /** Every played frame comes after the one played before it: reordering never leaks out. */
    private static void assertPlayedInOrder(int[] played) {
        int previous = -1;
        int count = 0;
        for (int frame : played) {
            if (frame >= 0) {
                assertThat(frame).isGreaterThan(previous);
                previous = frame;
                count++;
            }
        }
        assertThat(count).isGreaterThan(played.length / 2);
    }
}
