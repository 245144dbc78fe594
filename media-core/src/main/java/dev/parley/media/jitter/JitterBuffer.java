package dev.parley.media.jitter;

import dev.parley.media.DropReason;
import java.util.Arrays;

/**
 * An adaptive jitter buffer for fixed-size decoded audio frames (e.g. 20 ms), owned by one
 * thread: {@link #put} as frames arrive, {@link #poll} once per frame period by the owner's tick,
 * which is the playout clock. Preallocated; no allocation per frame.
 *
 * <ul>
 *   <li>Order: frames are placed by RTP timestamp (extended across the 32-bit wrap), so
 *       reordering within the buffer's span is undone; a frame whose turn has passed is {@link
 *       DropReason#JITTER_LATE}.
 *   <li>Delay: playout starts when the buffered span reaches the target from {@link
 *       DelayEstimator}. When the buffer runs dry the playout point holds (the delay grows by a
 *       frame: a late stream or a slower sender clock); when it stays above target for {@link
 *       #TRIM_WINDOW_POLLS} ticks one frame is dropped (a faster sender clock, a spike gone).
 *   <li>Loss: a missing frame is concealed with the last frame, faded over {@code concealFrames}
 *       frames, then silence. A gap longer than the maximum delay (a pause, a timestamp jump)
 *       is skipped once concealment has run out.
 *   <li>A frame further ahead than the capacity means the stream jumped (new source, long
 *       pause): the buffer starts over from it.
 * </ul>
 */
public final class JitterBuffer extends PlayoutQueue {
    private final short[][] frames;
    private final short[] last;
    private final int samples;
    /** The arrival {@link #put} is storing and the output {@link #poll} is filling. */
    private short[] in = new short[0];

    private int inOff;
    private short[] out = new short[0];
    private int outOff;

    public JitterBuffer(JitterBufferConfig config) {
        super(config);
        this.samples = config.samplesPerFrame();
        this.frames = new short[config.capacityFrames()][samples];
        this.last = new short[samples];
    }

    /**
     * Buffers one decoded frame of {@code samplesPerFrame} samples from {@code pcm[off..]} with
     * its RTP timestamp and arrival time; returns {@link DropReason#NONE} when kept.
     */
    public DropReason put(long rtpTimestamp, short[] pcm, int off, long arrivalNanos) {
        in = pcm;
        inOff = off;
        return insert(rtpTimestamp, arrivalNanos);
    }

    /** Fills {@code out[off..]} with the next frame's samples and says what they are. */
    public Playout poll(short[] pcm, int off) {
        out = pcm;
        outOff = off;
        Playout playout = next();
        if (playout == Playout.CONCEALED) {
            int denominator = config.concealFrames() + 1;
            int numerator = denominator - concealRun();
            for (int i = 0; i < samples; i++) {
                pcm[off + i] = (short) (last[i] * numerator / denominator);
            }
        } else if (playout != Playout.PLAYED) {
            Arrays.fill(pcm, off, off + samples, (short) 0);
        }
        return playout;
    }

    @Override
    void store(int slot) {
        System.arraycopy(in, inOff, frames[slot], 0, samples);
    }

    @Override
    void load(int slot) {
        System.arraycopy(frames[slot], 0, out, outOff, samples);
        System.arraycopy(frames[slot], 0, last, 0, samples);
    }
}
