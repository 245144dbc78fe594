package dev.parley.media.rtp;

import dev.parley.media.Bytes;

/**
 * Writes an RFC 8285 header extension (§4.2 one-byte or §4.3 two-byte form) after the CSRC list
 * of an RTP packet whose fixed header and CSRCs are already written. Reusable: {@link #begin},
 * any number of {@link #add}, then {@link #finish}; no allocation.
 */
public final class HeaderExtensionWriter {
    private byte[] buf = new byte[0];
    private int packetOffset;
    private int start;
    private int pos;
    private boolean oneByte;

    /**
     * Starts an extension in the packet at {@code off}: sets X and writes the profile field. The
     * one-byte form takes IDs 1..14 and 1..16 data bytes, the two-byte form IDs 1..255 and
     * 0..255 bytes.
     */
    public HeaderExtensionWriter begin(byte[] buf, int off, boolean oneByte) {
        this.buf = buf;
        this.packetOffset = off;
        this.oneByte = oneByte;
        int at = RtpHeader.extensionOffset(buf, off);
        buf[off] = (byte) (buf[off] | 0x10);
        Bytes.put16(buf, at, oneByte ? HeaderExtensions.ONE_BYTE_PROFILE : HeaderExtensions.TWO_BYTE_PROFILE);
        start = at + 4;
        pos = start;
        return this;
    }

    /** Appends one element with {@code length} bytes of {@code data} from {@code dataOff}. */
    public HeaderExtensionWriter add(int id, byte[] data, int dataOff, int length) {
        if (oneByte) {
            if (id < 1 || id > 14 || length < 1 || length > 16) {
                throw new IllegalArgumentException(
                        "one-byte element needs ID 1..14 and 1..16 bytes, got ID " + id + ", " + length + " bytes");
            }
            buf[pos++] = (byte) ((id << 4) | (length - 1));
        } else {
            if (id < 1 || id > 255 || length < 0 || length > 255) {
                throw new IllegalArgumentException(
                        "two-byte element needs ID 1..255 and 0..255 bytes, got ID " + id + ", " + length + " bytes");
            }
            buf[pos++] = (byte) id;
            buf[pos++] = (byte) length;
        }
        System.arraycopy(data, dataOff, buf, pos, length);
        pos += length;
        return this;
    }

    /**
     * Pads the elements with zero bytes to a 32-bit boundary and writes the length field; returns
     * the full header length (fixed header, CSRCs and extension), i.e. the payload offset relative
     * to the packet.
     */
    public int finish() {
        while ((pos - start) % 4 != 0) {
            buf[pos++] = 0;
        }
        Bytes.put16(buf, start - 2, (pos - start) / 4);
        return pos - packetOffset;
    }
}
