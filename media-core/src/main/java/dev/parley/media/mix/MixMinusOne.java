package dev.parley.media.mix;

import java.util.Arrays;

/**
 * The conference mix (DESIGN.md, the mixer): each participant hears the sum of everyone else
 * (N-1), never itself, kept inside 16 bits by {@link SoftClipper}. Muted or silent participants
 * are left out of the sum but still receive it. Preallocated for a maximum frame size; no
 * allocation per tick. One instance per conference and owner thread.
 */
public final class MixMinusOne {
    private final int[] sum;

    /** Mixes frames of up to {@code maxSamples} samples. */
    public MixMinusOne(int maxSamples) {
        this.sum = new int[maxSamples];
    }

    /**
     * Mixes one tick: {@code frames[i]} is participant i's frame ({@code samples} samples),
     * {@code contributes[i]} whether it is in the sum; writes participant i's mix to {@code
     * mixes[i]}. Only the first {@code count} entries are used.
     */
    public void mix(short[][] frames, boolean[] contributes, int count, int samples, short[][] mixes) {
        if (samples > sum.length) {
            throw new IllegalArgumentException("frame of " + samples + " samples, at most " + sum.length);
        }
        Arrays.fill(sum, 0, samples, 0);
        for (int p = 0; p < count; p++) {
            if (contributes[p]) {
                short[] frame = frames[p];
                for (int i = 0; i < samples; i++) {
                    sum[i] += frame[i];
                }
            }
        }
        for (int p = 0; p < count; p++) {
            short[] out = mixes[p];
            if (contributes[p]) {
                short[] own = frames[p];
                for (int i = 0; i < samples; i++) {
                    out[i] = SoftClipper.clip(sum[i] - own[i]);
                }
            } else {
                for (int i = 0; i < samples; i++) {
                    out[i] = SoftClipper.clip(sum[i]);
                }
            }
        }
    }
}
