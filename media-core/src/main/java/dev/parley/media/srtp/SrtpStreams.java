package dev.parley.media.srtp;

/**
 * Per-SSRC state of an SRTP context (RFC 3711 §3.2.1): rollover counter, highest sequence
 * number s_l, replay windows and the SRTCP index. A fixed table searched linearly: a conference
 * leg carries a handful of sources.
 */
final class SrtpStreams {
    private final long[] ssrcs;
    private final int[] rocs;
    private final int[] highestSequences;
    private final int[] rtcpIndices;
    private final ReplayWindow[] rtpWindows;
    private final ReplayWindow[] rtcpWindows;
    private int size;

    SrtpStreams(int capacity) {
        ssrcs = new long[capacity];
        rocs = new int[capacity];
        highestSequences = new int[capacity];
        rtcpIndices = new int[capacity];
        rtpWindows = new ReplayWindow[capacity];
        rtcpWindows = new ReplayWindow[capacity];
    }

    /**
     * The slot of {@code ssrc}, created with ROC 0 and s_l = {@code firstSequence} when new; -1
     * when the table is full.
     */
    int slot(long ssrc, int firstSequence) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                return i;
            }
        }
        if (size == ssrcs.length) {
            return -1;
        }
        ssrcs[size] = ssrc;
        highestSequences[size] = firstSequence;
        rtpWindows[size] = new ReplayWindow();
        rtcpWindows[size] = new ReplayWindow();
        return size++;
    }

    /** The ROC guess v for {@code sequence} (RFC 3711 §3.3.1, Appendix A). */
    long guessRoc(int slot, int sequence) {
        int roc = rocs[slot];
        int sl = highestSequences[slot];
        if (sl < 32768) {
            return sequence - sl > 32768 ? (roc - 1) & 0xFFFFFFFFL : roc & 0xFFFFFFFFL;
        }
        return sl - 32768 > sequence ? (roc + 1) & 0xFFFFFFFFL : roc & 0xFFFFFFFFL;
    }

    /** Updates ROC and s_l after a packet with ROC {@code v} authenticated (Appendix A). */
    void update(int slot, long v, int sequence) {
        int roc = rocs[slot];
        if (v == ((roc + 1) & 0xFFFFFFFFL)) {
            rocs[slot] = (int) v;
            highestSequences[slot] = sequence;
        } else if (v == (roc & 0xFFFFFFFFL) && sequence > highestSequences[slot]) {
            highestSequences[slot] = sequence;
        }
    }

    ReplayWindow rtpWindow(int slot) {
        return rtpWindows[slot];
    }

    ReplayWindow rtcpWindow(int slot) {
        return rtcpWindows[slot];
    }

    /** The SRTCP index for the next packet sent, then advances it modulo 2^31 (§3.4). */
    int nextRtcpIndex(int slot) {
        int index = rtcpIndices[slot];
        rtcpIndices[slot] = (index + 1) & 0x7FFFFFFF;
        return index;
    }
}
