package dev.parley.media.stats;

import dev.parley.media.rtcp.ReportBlock;

/**
 * What a receiver reports about one RTP source (RFC 3550 §6.4.1): loss and extended sequence
 * numbers ({@link SequenceTracker}), interarrival jitter ({@link InterarrivalJitter}) and the
 * LSR/DLSR pair from the source's last SR. Time is a parameter in nanoseconds.
 */
public final class ReceiverStatistics {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ssrc;
    private final SequenceTracker sequence = new SequenceTracker();
    private final InterarrivalJitter jitter;
    private boolean haveSr;
    private long lastSr;
    private long lastSrArrivalNanos;

    public ReceiverStatistics(long ssrc, int clockRate) {
        this.ssrc = ssrc;
        this.jitter = new InterarrivalJitter(clockRate);
    }

    /** Feeds one RTP packet; true when it counts (see {@link SequenceTracker#update}). */
    public boolean onPacket(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        if (!sequence.update(sequenceNumber)) {
            return false;
        }
        jitter.update(rtpTimestamp, arrivalNanos);
        return true;
    }

    /** Records the source's SR: its NTP timestamp and when it arrived (for LSR and DLSR). */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        haveSr = true;
        lastSr = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
    }

    public SequenceTracker sequence() {
        return sequence;
    }

    public InterarrivalJitter jitter() {
        return jitter;
    }

    /**
     * Writes this source's report block at {@code at} and starts a new fraction-lost interval;
     * returns {@link ReportBlock#SIZE}.
     */
    public int writeReportBlock(byte[] buf, int at, long nowNanos) {
        long dlsr = haveSr ? Math.max(0, nowNanos - lastSrArrivalNanos) * 65536 / NANOS_PER_SECOND : 0;
        return ReportBlock.write(
                buf,
                at,
                ssrc,
                sequence.takeFractionLost(),
                sequence.cumulativeLost(),
                sequence.extendedHighestSequence() & 0xFFFFFFFFL,
                jitter.jitter(),
                haveSr ? lastSr : 0,
                dlsr);
    }
}
