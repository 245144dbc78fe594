package dev.parley.proxy.stun;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The STUN keep-alive of SIP Outbound over UDP (RFC 5626 §4.4.2, §8): a Binding request (RFC 5389
 * §6) arriving on the SIP port is answered with a Binding success response whose
 * XOR-MAPPED-ADDRESS (§15.2) tells the phone the address and port its packets came from, so it
 * sees when its NAT binding changed. Anything else is not STUN and gets no answer here.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |0 0|     STUN Message Type     |         Message Length        |
 * |                         Magic Cookie                          |
 * |                     Transaction ID (96 bits)                  |
 * </pre>
 */
public final class StunKeepAlive {
    private static final int HEADER = 20;
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final short BINDING_REQUEST = 0x0001;
    private static final short BINDING_SUCCESS = 0x0101;
    private static final short XOR_MAPPED_ADDRESS = 0x0020;

    private StunKeepAlive() {}

    /** Whether {@code packet} starts like a STUN message (two zero bits, the magic cookie, RFC 5389 §6). */
    public static boolean isStun(byte[] packet) {
        return isStun(packet, 0, packet.length);
    }

    /** Like {@link #isStun(byte[])} for the {@code length} bytes at {@code offset}; reads, copies nothing. */
    public static boolean isStun(byte[] buffer, int offset, int length) {
        return length >= HEADER
                && (buffer[offset] & 0xC0) == 0
                && ByteBuffer.wrap(buffer, offset + 4, 4).getInt() == MAGIC_COOKIE;
    }

    /**
     * The Binding success response to a Binding request that came from {@code address} (4 or 16
     * bytes) and {@code port}; empty for any other packet, a truncated one included.
     */
    public static Optional<byte[]> answer(byte[] request, byte[] address, int port) {
        if (!isStun(request) || (address.length != 4 && address.length != 16) || port < 0 || port > 65535) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(request);
        short type = in.getShort(0);
        int length = Short.toUnsignedInt(in.getShort(2));
        if (type != BINDING_REQUEST || length % 4 != 0 || HEADER + length > request.length) {
            return Optional.empty();
        }
        byte[] transaction = new byte[12];
        System.arraycopy(request, 8, transaction, 0, 12);
        int valueLength = 4 + address.length;
        ByteBuffer out = ByteBuffer.allocate(HEADER + 4 + valueLength);
        out.putShort(BINDING_SUCCESS)
                .putShort((short) (4 + valueLength))
                .putInt(MAGIC_COOKIE)
                .put(transaction);
        out.putShort(XOR_MAPPED_ADDRESS).putShort((short) valueLength);
        out.put((byte) 0).put((byte) (address.length == 4 ? 0x01 : 0x02));
        out.putShort((short) (port ^ (MAGIC_COOKIE >>> 16)));
        // X-Address: the address XOR the magic cookie, then (IPv6) the transaction ID.
        byte[] mask =
                ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transaction).array();
        for (int i = 0; i < address.length; i++) {
            out.put((byte) (address[i] ^ mask[i]));
        }
        return Optional.of(out.array());
    }
}
