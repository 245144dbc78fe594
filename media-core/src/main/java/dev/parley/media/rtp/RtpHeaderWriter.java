package dev.parley.media.rtp;

import dev.parley.media.Bytes;

/**
 * Writes the fields {@link RtpHeader} reads (RFC 3550 §5.1) into a caller's buffer; no
 * allocation. Values are masked to their field width.
 */
public final class RtpHeaderWriter {
    private RtpHeaderWriter() {}

    /**
     * Writes a 12-byte fixed header with V=2 and P, X, CC cleared; returns 12, the offset of
     * whatever comes next relative to {@code off}.
     */
    public static int writeFixed(
            byte[] buf, int off, boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc) {
        buf[off] = (byte) (RtpHeader.VERSION << 6);
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        Bytes.put16(buf, off + 2, sequenceNumber);
        Bytes.put32(buf, off + 4, timestamp);
        Bytes.put32(buf, off + 8, ssrc);
        return RtpHeader.FIXED_HEADER_SIZE;
    }

    public static void setMarker(byte[] buf, int off, boolean marker) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x7F) | (marker ? 0x80 : 0));
    }

    public static void setPayloadType(byte[] buf, int off, int payloadType) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (payloadType & 0x7F));
    }

    public static void setSequenceNumber(byte[] buf, int off, int sequenceNumber) {
        Bytes.put16(buf, off + 2, sequenceNumber);
    }

    public static void setTimestamp(byte[] buf, int off, long timestamp) {
        Bytes.put32(buf, off + 4, timestamp);
    }

    public static void setSsrc(byte[] buf, int off, long ssrc) {
        Bytes.put32(buf, off + 8, ssrc);
    }

    /**
     * Writes {@code count} CSRCs (at most 15) from {@code csrcs} after the fixed header and sets
     * CC; returns the header length so far (12 + 4 × count).
     */
    public static int writeCsrcs(byte[] buf, int off, long[] csrcs, int count) {
        if (count < 0 || count > 15 || count > csrcs.length) {
            throw new IllegalArgumentException("CSRC count must be 0..15 and within the array, got " + count);
        }
        buf[off] = (byte) ((buf[off] & 0xF0) | count);
        for (int i = 0; i < count; i++) {
            Bytes.put32(buf, off + RtpHeader.FIXED_HEADER_SIZE + 4 * i, csrcs[i]);
        }
        return RtpHeader.FIXED_HEADER_SIZE + 4 * count;
    }

    /**
     * Appends {@code padding} bytes (1..255) to a packet of {@code len} bytes, the last holding
     * the count (RFC 3550 §5.1), and sets P; returns the new length.
     */
    public static int appendPadding(byte[] buf, int off, int len, int padding) {
        if (padding < 1 || padding > 255) {
            throw new IllegalArgumentException("padding must be 1..255, got " + padding);
        }
        for (int i = 0; i < padding - 1; i++) {
            buf[off + len + i] = 0;
        }
        buf[off + len + padding - 1] = (byte) padding;
        buf[off] = (byte) (buf[off] | 0x20);
        return len + padding;
    }
}
