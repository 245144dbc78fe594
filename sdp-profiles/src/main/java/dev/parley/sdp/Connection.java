package dev.parley.sdp;

import java.util.Objects;

/**
 * The {@code c=} line (RFC 8866 §5.7). The address is kept as written, with any multicast
 * {@code /ttl/count} suffix.
 */
public record Connection(String netType, String addrType, String address) {
    public Connection {
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    /** An {@code IN IP4} or {@code IN IP6} connection, by the form of the address. */
    public static Connection of(String address) {
        return new Connection("IN", addrTypeOf(address), address);
    }

    static String addrTypeOf(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    /**
     * True for {@code 0.0.0.0} or {@code ::}: the RFC 2543 way of putting a stream on hold,
     * which RFC 3264 §8.4 still asks answerers to understand.
     */
    public boolean isNullAddress() {
        return address.equals("0.0.0.0") || address.equals("::");
    }

    /** The address without a multicast {@code /ttl} or {@code /count} suffix. */
    public String host() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
