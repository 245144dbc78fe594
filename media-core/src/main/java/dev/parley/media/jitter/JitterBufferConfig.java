package dev.parley.media.jitter;

/**
 * Settings of one {@link JitterBuffer}, checked here.
 *
 * @param samplesPerFrame PCM samples in one frame, e.g. 160 for 20 ms at 8 kHz
 * @param timestampsPerFrame RTP timestamp units one frame spans, e.g. 160 for PCMU
 * @param clockRate RTP clock rate in Hz, e.g. 8000
 * @param minDelayFrames least playout delay the buffer aims for, in frames
 * @param maxDelayFrames most playout delay it aims for, in frames
 * @param capacityFrames frames it can hold; a frame further ahead means the stream jumped
 * @param concealFrames missing frames covered by the faded last frame before silence
 */
public record JitterBufferConfig(
        int samplesPerFrame,
        int timestampsPerFrame,
        int clockRate,
        int minDelayFrames,
        int maxDelayFrames,
        int capacityFrames,
        int concealFrames) {

    public JitterBufferConfig {
        if (samplesPerFrame <= 0 || timestampsPerFrame <= 0 || clockRate <= 0) {
            throw new IllegalArgumentException("frame size and clock rate must be positive");
        }
        if (minDelayFrames < 1 || maxDelayFrames < minDelayFrames || capacityFrames <= maxDelayFrames + 2) {
            throw new IllegalArgumentException("need 1 <= minDelay <= maxDelay < capacity - 2, got " + minDelayFrames
                    + ", " + maxDelayFrames + ", " + capacityFrames);
        }
        if (concealFrames < 0) {
            throw new IllegalArgumentException("conceal frames must not be negative, got " + concealFrames);
        }
    }

    /** 20 ms frames of 8 kHz audio (PCMU, PCMA): 40–200 ms delay, three concealed frames. */
    public static JitterBufferConfig narrowband20ms() {
        return new JitterBufferConfig(160, 160, 8000, 2, 10, 50, 3);
    }

    /** Duration of one frame in nanoseconds. */
    public long frameNanos() {
        return timestampsPerFrame * 1_000_000_000L / clockRate;
    }
}
