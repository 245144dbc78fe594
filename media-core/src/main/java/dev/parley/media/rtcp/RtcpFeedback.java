package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Static accessors over the common part of an RTCP feedback message (RFC 4585 §6.1) at {@code
 * off}: PT is {@link RtcpHeader#RTPFB} or {@link RtcpHeader#PSFB}, the count field is FMT.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * </pre>
 */
public final class RtcpFeedback {
    /** Header and the two SSRCs, before the FCI. */
    public static final int FIXED_SIZE = 12;

    /** RTPFB FMT of generic NACK (RFC 4585 §6.2.1). */
    public static final int FMT_NACK = 1;
    /** PSFB FMT of picture loss indication (RFC 4585 §6.3.1). */
    public static final int FMT_PLI = 1;
    /** PSFB FMT of full intra request (RFC 5104 §4.3.1). */
    public static final int FMT_FIR = 4;

    private RtcpFeedback() {}

    public static int fmt(byte[] buf, int off) {
        return RtcpHeader.count(buf, off);
    }

    public static long senderSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    public static long mediaSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 8);
    }

    public static int fciOffset(int off) {
        return off + FIXED_SIZE;
    }

    /** True for generic NACK. */
    public static boolean isNack(byte[] buf, int off) {
        return RtcpHeader.packetType(buf, off) == RtcpHeader.RTPFB && fmt(buf, off) == FMT_NACK;
    }

    /** True for PLI. */
    public static boolean isPli(byte[] buf, int off) {
        return RtcpHeader.packetType(buf, off) == RtcpHeader.PSFB && fmt(buf, off) == FMT_PLI;
    }

    /** True for FIR. */
    public static boolean isFir(byte[] buf, int off) {
        return RtcpHeader.packetType(buf, off) == RtcpHeader.PSFB && fmt(buf, off) == FMT_FIR;
    }

    /** Checks the fixed part and, for FIR, that the FCI is whole 8-byte entries. */
    static boolean fits(byte[] buf, int off, int contentLength) {
        if (contentLength < FIXED_SIZE) {
            return false;
        }
        return !isFir(buf, off) || (contentLength - FIXED_SIZE) % Fir.ENTRY_SIZE == 0;
    }

    static int writeCommon(byte[] buf, int off, int fmt, int packetType, long sender, long media, int length) {
        RtcpHeader.write(buf, off, fmt, packetType, length);
        Bytes.put32(buf, off + 4, sender);
        Bytes.put32(buf, off + 8, media);
        return FIXED_SIZE;
    }
}
