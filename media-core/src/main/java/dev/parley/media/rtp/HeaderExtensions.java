package dev.parley.media.rtp;

import dev.parley.media.Bytes;

/**
 * A reusable cursor over the elements of an RFC 8285 header extension (§4.2 one-byte form,
 * profile {@code 0xBEDE}; §4.3 two-byte form, profile {@code 0x100x}); no allocation per packet.
 * Other profiles have no elements. The packet must have passed {@link RtpHeader#validate}.
 *
 * <pre>
 * one-byte element:           two-byte element:
 *  0 1 2 3 4 5 6 7             0                   1
 * +-+-+-+-+-+-+-+-+           +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len-1 | data...   |       ID      |     length    | data...
 * +-+-+-+-+-+-+-+-+           +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * A zero byte where an element would start is padding (§4.2, §4.3). In the one-byte form ID 15
 * ends processing (§4.2).
 */
public final class HeaderExtensions {
    /** "Defined by profile" value of the one-byte form (RFC 8285 §4.2). */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** "Defined by profile" value of the two-byte form, low 4 bits are appbits (§4.3). */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private byte[] buf = new byte[0];
    private int pos;
    private int end;
    private boolean oneByte;
    private int id;
    private int dataOffset;
    private int dataLength;

    /** True for the one-byte form's profile value. */
    public static boolean isOneByte(int profile) {
        return profile == ONE_BYTE_PROFILE;
    }

    /** True for the two-byte form's profile values {@code 0x1000..0x100F}. */
    public static boolean isTwoByte(int profile) {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /** Points the cursor before the first element of the RTP packet at {@code off}. */
    public HeaderExtensions reset(byte[] buf, int off) {
        this.buf = buf;
        this.id = 0;
        if (!RtpHeader.hasExtension(buf, off)) {
            pos = end = 0;
            return this;
        }
        int profile = RtpHeader.extensionProfile(buf, off);
        int start = RtpHeader.extensionOffset(buf, off) + 4;
        oneByte = isOneByte(profile);
        pos = start;
        end = oneByte || isTwoByte(profile) ? start + RtpHeader.extensionDataLength(buf, off) : start;
        return this;
    }

    /** Moves to the next element; false when there is none (or the rest is malformed). */
    public boolean next() {
        while (pos < end && buf[pos] == 0) {
            pos++;
        }
        if (pos >= end) {
            return false;
        }
        int header = buf[pos] & 0xFF;
        if (oneByte) {
            id = header >>> 4;
            if (id == 15) {
                pos = end;
                return false;
            }
            dataLength = (header & 0x0F) + 1;
            dataOffset = pos + 1;
        } else {
            if (pos + 2 > end) {
                pos = end;
                return false;
            }
            id = header;
            dataLength = Bytes.u8(buf, pos + 1);
            dataOffset = pos + 2;
        }
        if (dataOffset + dataLength > end) {
            pos = end;
            return false;
        }
        pos = dataOffset + dataLength;
        return true;
    }

    /** Moves to the first remaining element with this ID; false if there is none. */
    public boolean find(int wantedId) {
        while (next()) {
            if (id == wantedId) {
                return true;
            }
        }
        return false;
    }

    /** The current element's local identifier (1..14 one-byte, 1..255 two-byte). */
    public int id() {
        return id;
    }

    /** Offset of the current element's data, relative to the packet's buffer. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Length of the current element's data in bytes. */
    public int dataLength() {
        return dataLength;
    }

    /**
     * True when every RFC 8285 element fits inside the extension block of the packet at {@code
     * off}; true for other profiles. The extension block itself must fit the packet.
     */
    static boolean elementsFit(byte[] buf, int off) {
        int profile = RtpHeader.extensionProfile(buf, off);
        boolean one = isOneByte(profile);
        if (!one && !isTwoByte(profile)) {
            return true;
        }
        int p = RtpHeader.extensionOffset(buf, off) + 4;
        int end = p + RtpHeader.extensionDataLength(buf, off);
        while (p < end) {
            int header = buf[p] & 0xFF;
            if (header == 0) {
                p++;
            } else if (one) {
                if (header >>> 4 == 15) {
                    return true;
                }
                p += 1 + (header & 0x0F) + 1;
            } else {
                if (p + 2 > end) {
                    return false;
                }
                p += 2 + (buf[p + 1] & 0xFF);
            }
        }
        return p == end;
    }
}
