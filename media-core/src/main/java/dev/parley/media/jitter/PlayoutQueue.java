package dev.parley.media.jitter;

import dev.parley.media.DropReason;
import java.util.Arrays;

/**
 * The playout logic shared by {@link JitterBuffer} (decoded frames) and {@link
 * PacketJitterBuffer} (encoded packets, for decoders that keep state): which slot each arrival
 * goes to by RTP timestamp, when playout starts, what the next tick plays, the adaptive delay
 * and its trimming. Subclasses own the slots' contents and copy in and out in {@link #store} and
 * {@link #load}. Owned by one thread; allocates nothing after construction.
 */
abstract class PlayoutQueue {
    /** Ticks over which the buffer must stay above target before one frame is dropped. */
    public static final int TRIM_WINDOW_POLLS = 25;

    private static final long EMPTY = Long.MIN_VALUE;

    final JitterBufferConfig config;
    final int capacity;
    private final long[] slotIndex;
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
    final FrameCounters counters = new FrameCounters();

    PlayoutQueue(JitterBufferConfig config) {
        this.config = config;
        this.capacity = config.capacityFrames();
        this.slotIndex = new long[capacity];
        this.frameNanos = config.frameNanos();
        this.delay = new DelayEstimator(frameNanos, config.minDelayFrames(), config.maxDelayFrames());
        Arrays.fill(slotIndex, EMPTY);
    }

    /** Copies the arrival being inserted into {@code slot}. */
    abstract void store(int slot);

    /** Copies {@code slot}'s contents to the output of the poll under way. */
    abstract void load(int slot);

    /** Places one arrival by its RTP timestamp; {@link DropReason#NONE} when kept. */
    final DropReason insert(long rtpTimestamp, long arrivalNanos) {
        long index = indexOf(rtpTimestamp);
        if (playing && index < nextIndex || !playing && stored > 0 && index <= highestIndex - capacity) {
            counters.late++;
            return DropReason.JITTER_LATE;
        }
        long floor = playing ? nextIndex : stored > 0 ? lowestIndex : index;
        if (index >= floor + capacity) {
            restartAt(rtpTimestamp);
            index = 0;
        }
        int slot = (int) Math.floorMod(index, (long) capacity);
        if (slotIndex[slot] == index) {
            counters.duplicates++;
            return DropReason.JITTER_DUPLICATE;
        }
        if (slotIndex[slot] == EMPTY) {
            stored++;
        }
        store(slot);
        slotIndex[slot] = index;
        lowestIndex = stored == 1 ? index : Math.min(lowestIndex, index);
        highestIndex = stored == 1 ? index : Math.max(highestIndex, index);
        delay.add(arrivalNanos, index * frameNanos);
        return DropReason.NONE;
    }

    /**
     * What this tick plays: {@link Playout#PLAYED} after {@link #load} of the next slot, {@link
     * Playout#CONCEALED} for a missing one while concealment lasts ({@link #concealRun}), else
     * {@link Playout#SILENCE}; {@link Playout#BUFFERING} before playout starts.
     */
    final Playout next() {
        int target = delay.targetFrames();
        if (!playing) {
            if (stored == 0 || highestIndex - lowestIndex + 1 < target) {
                counters.buffering++;
                return Playout.BUFFERING;
            }
            playing = true;
            nextIndex = lowestIndex;
        }
        trim(target);
        if (take(nextIndex)) {
            return Playout.PLAYED;
        }
        if (highestIndex < nextIndex) {
            return conceal();
        }
        long nextStored = nextStoredIndex();
        if (concealRun >= config.concealFrames() && nextStored - nextIndex > config.maxDelayFrames()) {
            take(nextStored);
            return Playout.PLAYED;
        }
        nextIndex++;
        return conceal();
    }

    /**
     * The slot just played covered {@code frames} frames (a 40 or 60 ms packet): the playout
     * point moves past the rest, whose ticks the caller serves from what it decoded.
     */
    final void advance(int frames) {
        for (int i = 1; i < frames; i++) {
            discard(nextIndex++);
        }
    }

    /** Missing frames concealed in a row so far (1 for the first). */
    final int concealRun() {
        return concealRun;
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

    private boolean take(long index) {
        int slot = (int) Math.floorMod(index, (long) capacity);
        if (slotIndex[slot] != index) {
            return false;
        }
        load(slot);
        discard(index);
        nextIndex = index + 1;
        concealRun = 0;
        playedAny = true;
        counters.played++;
        return true;
    }

    private Playout conceal() {
        concealRun++;
        if (playedAny && concealRun <= config.concealFrames()) {
            counters.concealed++;
            return Playout.CONCEALED;
        }
        counters.silent++;
        return Playout.SILENCE;
    }

    private void discard(long index) {
        int slot = (int) Math.floorMod(index, (long) capacity);
        if (slotIndex[slot] == index) {
            slotIndex[slot] = EMPTY;
            stored--;
        }
    }

    private long nextStoredIndex() {
        for (long i = nextIndex; i <= highestIndex; i++) {
            if (slotIndex[(int) Math.floorMod(i, (long) capacity)] == i) {
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
