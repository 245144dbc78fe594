package dev.parley.media.stats;

/**
 * Extended sequence numbers and loss of one RTP source, as RFC 3550 §A.1 ({@code update_seq})
 * and §A.3 (expected, lost, fraction lost) specify: a new source is on probation until {@link
 * #MIN_SEQUENTIAL} packets arrive in sequence; a jump of more than {@link #MAX_DROPOUT} is taken
 * as a restart only when the next packet confirms it.
 */
public final class SequenceTracker {
    /** Largest forward jump taken as loss rather than a restart (RFC 3550 §A.1). */
    public static final int MAX_DROPOUT = 3000;
    /** Largest backward jump taken as reordering (RFC 3550 §A.1). */
    public static final int MAX_MISORDER = 100;
    /** Packets in sequence before a source is valid (RFC 3550 §A.1). */
    public static final int MIN_SEQUENTIAL = 2;

    private static final int SEQ_MOD = 1 << 16;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    /**
     * Feeds one packet's sequence number; true when it counts as received (the source is valid
     * and the number is in range), false during probation or on an unconfirmed jump.
     */
    public boolean update(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            started = true;
            init(seq);
            maxSeq = (seq - 1) & 0xFFFF;
            probation = MIN_SEQUENTIAL;
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    init(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                init(seq);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        received++;
        return true;
    }

    private void init(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** True once probation is over. */
    public boolean isValid() {
        return started && probation == 0;
    }

    /** Highest sequence number seen, extended with the wrap count (RFC 3550 §6.4.1). */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Packets counted as received since the source became valid (duplicates included). */
    public long received() {
        return received;
    }

    /** Packets expected since the source became valid (RFC 3550 §A.3). */
    public long expected() {
        return isValid() ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    /** Cumulative packets lost, clamped to the 24-bit signed field of a report block. */
    public int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(-0x800000, Math.min(0x7FFFFF, lost));
    }

    /**
     * Fraction lost since the previous call, in 1/256 (RFC 3550 §A.3), and starts the next
     * interval; 0 when nothing was lost or duplicates outnumber losses.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) ((lostInterval << 8) / expectedInterval);
    }
}
