package dev.parley.media.mix;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The conference mix (DESIGN.md, the mixer): everyone's frame is summed once per tick, then each
 * participant hears the sum minus its own frame (N-1), never itself, kept inside 16 bits by
 * {@link SoftClipper}. Sums are 32-bit, so thousands of loud frames cannot overflow them. Muted
 * or silent participants are not added but still receive the mix. Preallocated for a maximum
 * frame size; no allocation per tick. One instance per conference and owner thread.
 *
 * <p>Why a per-sample soft clipper rather than a per-frame limiter: it has no memory, so a loud
 * frame next to a quiet one leaves no gain step (a click) at the frame border, and one peak does
 * not duck the rest of its frame; everything below the knee (about -2 dBFS) passes bit-exact.
 */
public final class MixMinusOne {
    private final int[] sum;
    private int samples;
    private int contributors;

    /** Mixes frames of up to {@code maxSamples} samples. */
    public MixMinusOne(int maxSamples) {
        this.sum = new int[maxSamples];
    }

    /** Starts a tick of {@code frameSamples} samples per frame, with silence. */
    public void reset(int frameSamples) {
        if (frameSamples <= 0 || frameSamples > sum.length) {
            throw new IllegalArgumentException("frame of " + frameSamples + " samples, at most " + sum.length);
        }
        samples = frameSamples;
        Arrays.fill(sum, 0, samples, 0);
        contributors = 0;
    }

    /** Adds one participant's frame (at least the tick's frame size) to the tick's sum. */
    public void add(short[] frame) {
        for (int i = 0; i < samples; i++) {
            sum[i] += frame[i];
        }
        contributors++;
    }

    /** How many frames were added this tick. */
    public int contributors() {
        return contributors;
    }

    /**
     * Writes one listener's mix into {@code out}: the sum minus {@code own}, the frame it added
     * this tick, or the whole sum when it added none ({@code null}).
     */
    public void mixFor(short @Nullable [] own, short[] out) {
        if (own == null) {
            for (int i = 0; i < samples; i++) {
                out[i] = SoftClipper.clip(sum[i]);
            }
        } else {
            for (int i = 0; i < samples; i++) {
                out[i] = SoftClipper.clip(sum[i] - own[i]);
            }
        }
    }
}
