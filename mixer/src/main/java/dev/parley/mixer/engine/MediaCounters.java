package dev.parley.mixer.engine;

import dev.parley.media.DropReason;

/**
 * Packet and tick counts of one worker. Written only by the worker's thread; other threads read
 * them through {@link #snapshot()} run on that thread.
 */
public final class MediaCounters {
    /** What is counted besides drops. */
    public enum Count {
        /** Datagrams read from media sockets. */
        PACKETS_IN,
        /** RTP packets sent (forwarded or mixed). */
        RTP_OUT,
        /** RTCP packets sent (relayed feedback). */
        RTCP_OUT,
        /** Audio mix ticks run, one per conference per 20 ms. */
        MIX_TICKS,
        /** Mix ticks that ran more than {@link TickSchedule#LATE_NANOS} after their deadline. */
        MIX_TICKS_LATE,
        /** RFC 4733 events that ended (one per key press). */
        DTMF_EVENTS,
    }

    private final long[] counts = new long[Count.values().length];
    private final long[] parseDrops = new long[DropReason.values().length];
    private final long[] mixerDrops = new long[MixerDrop.values().length];

    public void add(Count count) {
        counts[count.ordinal()]++;
    }

    public void add(Count count, long n) {
        counts[count.ordinal()] += n;
    }

    public void drop(DropReason reason) {
        parseDrops[reason.ordinal()]++;
    }

    public void drop(MixerDrop reason) {
        mixerDrops[reason.ordinal()]++;
    }

    public long get(Count count) {
        return counts[count.ordinal()];
    }

    public long get(DropReason reason) {
        return parseDrops[reason.ordinal()];
    }

    public long get(MixerDrop reason) {
        return mixerDrops[reason.ordinal()];
    }

    /** An independent copy, to hand to another thread. */
    public MediaCounters snapshot() {
        MediaCounters copy = new MediaCounters();
        copy.addAll(this);
        return copy;
    }

    /** Adds every count of {@code other} to this one (to sum workers). */
    public void addAll(MediaCounters other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        for (int i = 0; i < parseDrops.length; i++) {
            parseDrops[i] += other.parseDrops[i];
        }
        for (int i = 0; i < mixerDrops.length; i++) {
            mixerDrops[i] += other.mixerDrops[i];
        }
    }
}
