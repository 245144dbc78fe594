package dev.parley.media;

/** Big-endian (network order, RFC 3550 §5) reads and writes of unsigned fields. */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] buf, int at) {
        return buf[at] & 0xFF;
    }

    public static int u16(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    public static int u24(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 16) | ((buf[at + 1] & 0xFF) << 8) | (buf[at + 2] & 0xFF);
    }

    public static long u32(byte[] buf, int at) {
        return ((long) (buf[at] & 0xFF) << 24)
                | ((buf[at + 1] & 0xFF) << 16)
                | ((buf[at + 2] & 0xFF) << 8)
                | (buf[at + 3] & 0xFF);
    }

    public static long u64(byte[] buf, int at) {
        return (u32(buf, at) << 32) | u32(buf, at + 4);
    }

    public static void put16(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 8);
        buf[at + 1] = (byte) value;
    }

    public static void put24(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 16);
        buf[at + 1] = (byte) (value >>> 8);
        buf[at + 2] = (byte) value;
    }

    public static void put32(byte[] buf, int at, long value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    public static void put64(byte[] buf, int at, long value) {
        put32(buf, at, value >>> 32);
        put32(buf, at + 4, value);
    }
}
