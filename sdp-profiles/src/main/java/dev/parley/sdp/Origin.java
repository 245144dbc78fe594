package dev.parley.sdp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code o=} line (RFC 8866 §5.2): who made the description and which version of it
 * this is. Session id and version are digit strings of any length, as phones write them.
 */
public record Origin(
        String username, String sessionId, String sessionVersion, String netType, String addrType, String address) {
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sessionVersion, "sessionVersion");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    /** An {@code IN IP4} or {@code IN IP6} origin for the given unicast address. */
    public static Origin of(String username, long sessionId, long sessionVersion, String address) {
        return new Origin(
                username,
                Long.toString(sessionId),
                Long.toString(sessionVersion),
                "IN",
                Connection.addrTypeOf(address),
                address);
    }

    /**
     * The same origin with the version one higher: RFC 3264 §8 requires it on every new
     * description a party sends within a session.
     */
    public Origin nextVersion() {
        String next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
        return new Origin(username, sessionId, next, netType, addrType, address);
    }
}
