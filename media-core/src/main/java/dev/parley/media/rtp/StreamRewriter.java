package dev.parley.media.rtp;

/**
 * Turns packets from a selected one of several RTP sources into one continuous outgoing stream
 * (DESIGN.md: a softphone that takes a single video stream gets the active speaker's): every
 * packet gets the outgoing SSRC, and sequence numbers and timestamps are shifted so that after a
 * switch the receiver sees the next sequence number and a timestamp advanced by the time that
 * passed (RFC 3550 §5.1, §7.2). Works in place on {@code (buf, off, len)} of a valid packet; no
 * allocation. One instance per outgoing stream and owner thread.
 */
public final class StreamRewriter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long outgoingSsrc;
    private final int clockRate;
    private long selected = -1;
    private boolean anchored;
    private boolean sentAny;
    private int anchorSequence;
    private int sequenceDelta;
    private long timestampDelta;
    private int lastSequence;
    private long lastTimestamp;
    private long lastSentNanos;

    /** Writes {@code outgoingSsrc}; timestamps advance by {@code clockRate} units a second. */
    public StreamRewriter(long outgoingSsrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
        this.outgoingSsrc = outgoingSsrc;
        this.clockRate = clockRate;
    }

    /** Selects the source to forward from; its next packet re-anchors the outgoing stream. */
    public void select(long sourceSsrc) {
        if (sourceSsrc != selected) {
            selected = sourceSsrc;
            anchored = false;
        }
    }

    /** The source being forwarded, or -1 before the first {@link #select}. */
    public long selected() {
        return selected;
    }

    /**
     * Rewrites the packet in place and returns true when it comes from the selected source and
     * is not older than the switch; false means drop it (another source, or a packet from
     * before the anchor that would collide with the previous source's numbers).
     */
    public boolean rewrite(byte[] buf, int off, long nowNanos) {
        if (RtpHeader.ssrc(buf, off) != selected) {
            return false;
        }
        int sequence = RtpHeader.sequenceNumber(buf, off);
        long timestamp = RtpHeader.timestamp(buf, off);
        if (!anchored) {
            anchor(sequence, timestamp, nowNanos);
        } else if ((short) (sequence - anchorSequence) < 0) {
            return false;
        }
        int outSequence = (sequence + sequenceDelta) & 0xFFFF;
        long outTimestamp = (timestamp + timestampDelta) & 0xFFFFFFFFL;
        RtpHeaderWriter.setSsrc(buf, off, outgoingSsrc);
        RtpHeaderWriter.setSequenceNumber(buf, off, outSequence);
        RtpHeaderWriter.setTimestamp(buf, off, outTimestamp);
        if (!sentAny || (short) (outSequence - lastSequence) > 0) {
            lastSequence = outSequence;
            lastTimestamp = outTimestamp;
            lastSentNanos = nowNanos;
        }
        sentAny = true;
        return true;
    }

    private void anchor(int sequence, long timestamp, long nowNanos) {
        anchored = true;
        anchorSequence = sequence;
        if (!sentAny) {
            sequenceDelta = 0;
            timestampDelta = 0;
            return;
        }
        long elapsed = Math.max(0, nowNanos - lastSentNanos);
        long units = Math.max(
                1, elapsed / NANOS_PER_SECOND * clockRate + elapsed % NANOS_PER_SECOND * clockRate / NANOS_PER_SECOND);
        sequenceDelta = (lastSequence + 1 - sequence) & 0xFFFF;
        timestampDelta = (lastTimestamp + units - timestamp) & 0xFFFFFFFFL;
    }
}
