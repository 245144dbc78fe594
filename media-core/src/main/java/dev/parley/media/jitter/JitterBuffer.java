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
public final class JitterBuffer {
    /** Ticks over which the buffer must stay above target before one frame is dropped. */
    public static final int TRIM_WINDOW_POLLS = 25;

    private static final long EMPTY = Long.MIN_VALUE;

    private final JitterBufferConfig config;
    private final short[][] frames;
    private final long[] slotIndex;
    private final short[] last;
    private final DelayEstimator delay;
    private final long frameNanos;

    private boolean haveBase;
    private long baseTimestamp;
    private long highestTimestamp;
    private boolean playing;
    private boolean playedAny;
    private long nextIndex;
    private long lowestIndex;
    private long highestIndex;
    private int stored;
    private int concealRun;
    private int windowPolls;
    private long windowMinLevel = Long.MAX_VALUE;
    private final FrameCounters counters = new FrameCounters();

    public JitterBuffer(JitterBufferConfig config) {
        this.config = config;
        this.frames = new short[config.capacityFrames()][config.samplesPerFrame()];
        this.slotIndex = new long[config.capacityFrames()];
        this.last = new short[config.samplesPerFrame()];
        this.frameNanos = config.frameNanos();
        this.delay = new DelayEstimator(frameNanos, config.minDelayFrames(), config.maxDelayFrames());
        Arrays.fill(slotIndex, EMPTY);
    }

    /**
     * Buffers one decoded frame of {@code samplesPerFrame} samples from {@code pcm[off..]} with
     * its RTP timestamp and arrival time; returns {@link DropReason#NONE} when kept.
     */
    public DropReason put(long rtpTimestamp, short[] pcm, int off, long arrivalNanos) {
        long index = indexOf(rtpTimestamp);
        if (playing && index < nextIndex || !playing && stored > 0 && index <= highestIndex - frames.length) {
            counters.late++;
            return DropReason.JITTER_LATE;
        }
        long floor = playing ? nextIndex : stored > 0 ? lowestIndex : index;
        if (index >= floor + frames.length) {
            restartAt(rtpTimestamp);
            index = 0;
        }
        int slot = (int) Math.floorMod(index, (long) frames.length);
        if (slotIndex[slot] == index) {
            counters.duplicates++;
            return DropReason.JITTER_DUPLICATE;
        }
        if (slotIndex[slot] == EMPTY) {
            stored++;
        }
        System.arraycopy(pcm, off, frames[slot], 0, config.samplesPerFrame());
        slotIndex[slot] = index;
        lowestIndex = stored == 1 ? index : Math.min(lowestIndex, index);
        highestIndex = stored == 1 ? index : Math.max(highestIndex, index);
        delay.add(arrivalNanos, index * frameNanos);
        return DropReason.NONE;
    }

    /** Fills {@code out[off..]} with the next frame's samples and says what they are. */
    public Playout poll(short[] out, int off) {
        int target = delay.targetFrames();
        if (!playing) {
            if (stored == 0 || highestIndex - lowestIndex + 1 < target) {
                Arrays.fill(out, off, off + config.samplesPerFrame(), (short) 0);
                counters.buffering++;
                return Playout.BUFFERING;
            }
            playing = true;
            nextIndex = lowestIndex;
        }
        trim(target);
        if (take(nextIndex, out, off)) {
            return Playout.PLAYED;
        }
        if (highestIndex < nextIndex) {
            return conceal(out, off);
        }
        long nextStored = nextStoredIndex();
        if (concealRun >= config.concealFrames() && nextStored - nextIndex > config.maxDelayFrames()) {
            take(nextStored, out, off);
            return Playout.PLAYED;
        }
        nextIndex++;
        return conceal(out, off);
    }

    /** The delay the buffer aims for, in frames. */
    public int targetDelayFrames() {
        return delay.targetFrames();
    }

    /** Frames buffered now. */
    public int bufferedFrames() {
        return stored;
    }

    /** Counts of what happened to frames so far, for metrics and tests. */
    public FrameCounters counters() {
        return counters;
    }

    private void trim(int target) {
        long level = highestIndex - nextIndex + 1;
        windowMinLevel = Math.min(windowMinLevel, level);
        if (++windowPolls < TRIM_WINDOW_POLLS && level <= config.maxDelayFrames() + 2L) {
            return;
        }
        long excess = level > config.maxDelayFrames() + 2L ? level - target : windowMinLevel > target + 1L ? 1 : 0;
        for (long i = 0; i < excess; i++) {
            discard(nextIndex++);
            counters.skipped++;
        }
        windowPolls = 0;
        windowMinLevel = Long.MAX_VALUE;
    }

    private boolean take(long index, short[] out, int off) {
        int slot = (int) Math.floorMod(index, (long) frames.length);
        if (slotIndex[slot] != index) {
            return false;
        }
        System.arraycopy(frames[slot], 0, out, off, config.samplesPerFrame());
        System.arraycopy(frames[slot], 0, last, 0, config.samplesPerFrame());
        discard(index);
        nextIndex = index + 1;
        concealRun = 0;
        playedAny = true;
        counters.played++;
        return true;
    }

    private Playout conceal(short[] out, int off) {
        concealRun++;
        int n = config.samplesPerFrame();
        if (playedAny && concealRun <= config.concealFrames()) {
            int denominator = config.concealFrames() + 1;
            int numerator = denominator - concealRun;
            for (int i = 0; i < n; i++) {
                out[off + i] = (short) (last[i] * numerator / denominator);
            }
            counters.concealed++;
            return Playout.CONCEALED;
        }
        Arrays.fill(out, off, off + n, (short) 0);
        counters.silent++;
        return Playout.SILENCE;
    }

    private void discard(long index) {
        int slot = (int) Math.floorMod(index, (long) frames.length);
        if (slotIndex[slot] == index) {
            slotIndex[slot] = EMPTY;
            stored--;
        }
    }

    private long nextStoredIndex() {
        for (long i = nextIndex; i <= highestIndex; i++) {
            if (slotIndex[(int) Math.floorMod(i, (long) frames.length)] == i) {
                return i;
            }
        }
        return nextIndex;
    }

    /** Frame index of a timestamp, extending it across wraps relative to the highest seen. */
    private long indexOf(long rtpTimestamp) {
        long ts = rtpTimestamp & 0xFFFFFFFFL;
        if (!haveBase) {
            haveBase = true;
            baseTimestamp = ts;
            highestTimestamp = ts;
        }
        long extended = highestTimestamp + (int) (ts - (highestTimestamp & 0xFFFFFFFFL));
        highestTimestamp = Math.max(highestTimestamp, extended);
        return Math.floorDiv(extended - baseTimestamp, (long) config.timestampsPerFrame());
    }

    private void restartAt(long rtpTimestamp) {
        Arrays.fill(slotIndex, EMPTY);
        stored = 0;
        playing = false;
        haveBase = false;
        delay.clear();
        windowPolls = 0;
        windowMinLevel = Long.MAX_VALUE;
        counters.restarts++;
        indexOf(rtpTimestamp);
    }
}
