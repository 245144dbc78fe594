package dev.parley.media.rtcp;

/**
 * Picture loss indication (RFC 4585 §6.3.1): a PSFB message, FMT 1, with no FCI; the media
 * source SSRC names the stream whose sender should send a key frame.
 */
public final class Pli {
    /** A PLI is exactly the feedback fixed part. */
    public static final int SIZE = RtcpFeedback.FIXED_SIZE;

    private Pli() {}

    /** Writes a PLI; returns {@link #SIZE}. */
    public static int write(byte[] buf, int off, long senderSsrc, long mediaSsrc) {
        RtcpFeedback.writeCommon(buf, off, RtcpFeedback.FMT_PLI, RtcpHeader.PSFB, senderSsrc, mediaSsrc, SIZE);
        return SIZE;
    }
}
