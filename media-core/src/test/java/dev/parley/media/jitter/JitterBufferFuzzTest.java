package dev.parley.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.media.DropReason;

/**
 * Whatever timestamps and arrival times a sender makes up (jumps, wraps, duplicates, time going
 * backwards), the jitter buffer neither throws nor loses count: every tick yields one frame and
 * the buffer never holds more than its capacity. {@code JAZZER_FUZZ=1} fuzzes for a minute.
 */
class JitterBufferFuzzTest {
    private static final JitterBufferConfig CONFIG = JitterBufferConfig.narrowband20ms();

    @FuzzTest(maxDuration = "60s")
    void survivesAnyTimestamps(FuzzedDataProvider data) {
        JitterBuffer buffer = new JitterBuffer(CONFIG);
        short[] frame = new short[CONFIG.samplesPerFrame()];
        short[] out = new short[CONFIG.samplesPerFrame()];
        long now = 0;
        long timestamp = data.consumeLong(0, 0xffffffffL);
        int polls = 0;
        int kept = 0;
        while (data.remainingBytes() > 0) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> timestamp += CONFIG.timestampsPerFrame();
                case 1 -> timestamp += data.consumeInt(-100_000, 100_000);
                case 2 -> {
                    assertThat(buffer.poll(out, 0)).isNotNull();
                    polls++;
                }
                default -> now += data.consumeInt(-1_000_000_000, 1_000_000_000);
            }
            frame[0] = (short) timestamp;
            DropReason reason = buffer.put(timestamp & 0xffffffffL, frame, 0, now);
            if (reason == DropReason.NONE) {
                kept++;
            } else {
                assertThat(reason).isIn(DropReason.JITTER_LATE, DropReason.JITTER_DUPLICATE);
            }
            assertThat(buffer.bufferedFrames()).isBetween(0, CONFIG.capacityFrames());
        }
        FrameCounters c = buffer.counters();
        assertThat(c.played() + c.concealed() + c.silent() + c.buffering()).isEqualTo(polls);
        assertThat(c.played()).isLessThanOrEqualTo(kept);
    }
}
