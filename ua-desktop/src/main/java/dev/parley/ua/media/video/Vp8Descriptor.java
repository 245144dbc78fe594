package dev.parley.ua.media.video;

/**
 * The VP8 payload descriptor (RFC 7741 §4.2) with the optional PictureID; TL0PICIDX, TID and
 * KEYIDX are skipped when read and never written.
 *
 * <pre>
 *      0 1 2 3 4 5 6 7
 *     +-+-+-+-+-+-+-+-+
 *     |X|R|N|S|R| PID | (REQUIRED)
 *     +-+-+-+-+-+-+-+-+
 * X:  |I|L|T|K| RSV   | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * I:  |M| PictureID   | (OPTIONAL, 7 bits, or 15 with M)
 *     +-+-+-+-+-+-+-+-+
 *     |   PictureID   |
 *     +-+-+-+-+-+-+-+-+
 * L:  |   TL0PICIDX   | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * T/K:|TID|Y| KEYIDX  | (OPTIONAL)
 *     +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param nonReference N: the frame may be discarded without affecting others
 * @param startOfPartition S: the first packet of a VP8 partition
 * @param partitionIndex PID, 0 to 7
 * @param pictureId the PictureID, or -1 when absent
 * @param pictureIdBits 7 or 15 when present, 0 when absent
 * @param size the descriptor's length in bytes; the VP8 payload follows
 */
public record Vp8Descriptor(
        boolean nonReference,
        boolean startOfPartition,
        int partitionIndex,
        int pictureId,
        int pictureIdBits,
        int size) {

    public Vp8Descriptor {
        if (partitionIndex < 0 || partitionIndex > 7) {
            throw new IllegalArgumentException("PID is 3 bits: " + partitionIndex);
        }
        if (pictureIdBits == 0 ? pictureId != -1 : pictureIdBits != 7 && pictureIdBits != 15) {
            throw new IllegalArgumentException("PictureID is absent, 7 or 15 bits, not " + pictureIdBits);
        }
        if (pictureIdBits > 0 && (pictureId < 0 || pictureId >= 1 << pictureIdBits)) {
            throw new IllegalArgumentException("PictureID " + pictureId + " does not fit " + pictureIdBits + " bits");
        }
    }

    /** A descriptor to write: 15-bit PictureID when {@code pictureId >= 0}, none otherwise. */
    public static Vp8Descriptor of(boolean nonReference, boolean start, int partitionIndex, int pictureId) {
        if (pictureId < 0) {
            return new Vp8Descriptor(nonReference, start, partitionIndex, -1, 0, 1);
        }
        return new Vp8Descriptor(nonReference, start, partitionIndex, pictureId & 0x7FFF, 15, 4);
    }

    /** Whether this packet starts a frame: S=1 and PID=0 (RFC 7741 §4.4). */
    public boolean startsFrame() {
        return startOfPartition && partitionIndex == 0;
    }

    /** Writes the descriptor at {@code buf[off]}; returns {@link #size}. */
    public int write(byte[] buf, int off) {
        boolean extended = pictureIdBits > 0;
        buf[off] = (byte)
                ((extended ? 0x80 : 0) | (nonReference ? 0x20 : 0) | (startOfPartition ? 0x10 : 0) | partitionIndex);
        if (!extended) {
            return 1;
        }
        buf[off + 1] = (byte) 0x80; // I: PictureID present
        if (pictureIdBits == 7) {
            buf[off + 2] = (byte) pictureId;
            return 3;
        }
        buf[off + 2] = (byte) (0x80 | (pictureId >>> 8)); // M: 15-bit PictureID
        buf[off + 3] = (byte) pictureId;
        return 4;
    }

    /** Reads the descriptor at the start of an RTP payload of {@code len} bytes. */
    public static Vp8Descriptor parse(byte[] buf, int off, int len) throws PayloadFormatException {
        if (len < 1) {
            throw new PayloadFormatException("VP8 payload descriptor needs 1 byte, got 0");
        }
        int first = buf[off] & 0xFF;
        boolean n = (first & 0x20) != 0;
        boolean s = (first & 0x10) != 0;
        int pid = first & 0x07;
        if ((first & 0x80) == 0) {
            return checkPayload(new Vp8Descriptor(n, s, pid, -1, 0, 1), len);
        }
        if (len < 2) {
            throw new PayloadFormatException("VP8 descriptor: X is set but the extension byte is missing");
        }
        int ext = buf[off + 1] & 0xFF;
        int at = 2;
        int pictureId = -1;
        int bits = 0;
        if ((ext & 0x80) != 0) {
            if (len < at + 1) {
                throw new PayloadFormatException("VP8 descriptor: I is set but PictureID is missing");
            }
            if ((buf[off + at] & 0x80) != 0) {
                if (len < at + 2) {
                    throw new PayloadFormatException("VP8 descriptor: 15-bit PictureID needs 2 bytes, got 1");
                }
                pictureId = ((buf[off + at] & 0x7F) << 8) | (buf[off + at + 1] & 0xFF);
                bits = 15;
                at += 2;
            } else {
                pictureId = buf[off + at] & 0x7F;
                bits = 7;
                at += 1;
            }
        }
        if ((ext & 0x40) != 0) {
            at += 1; // L: TL0PICIDX
        }
        if ((ext & 0x30) != 0) {
            at += 1; // T or K: TID/Y/KEYIDX
        }
        return checkPayload(new Vp8Descriptor(n, s, pid, pictureId, bits, at), len);
    }

    private static Vp8Descriptor checkPayload(Vp8Descriptor d, int len) throws PayloadFormatException {
        if (len <= d.size) {
            throw new PayloadFormatException(
                    "VP8 descriptor of " + d.size + " bytes leaves no payload in a packet of " + len);
        }
        return d;
    }
}
