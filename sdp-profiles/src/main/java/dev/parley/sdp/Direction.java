package dev.parley.sdp;

import java.util.Optional;

/** The media direction attributes of RFC 8866 §6.7 and how RFC 3264 §6.1 answers each. */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String attribute;
    private final boolean sends;
    private final boolean receives;

    Direction(String attribute, boolean sends, boolean receives) {
        this.attribute = attribute;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name, e.g. {@code sendonly}. */
    public String attribute() {
        return attribute;
    }

    /** True when the party that wrote this direction sends media. */
    public boolean sends() {
        return sends;
    }

    /** True when the party that wrote this direction receives media. */
    public boolean receives() {
        return receives;
    }

    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** The direction named by an attribute, if it is one of the four. */
    public static Optional<Direction> fromAttribute(String name) {
        for (Direction d : values()) {
            if (d.attribute.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The mirror image: what the other party does when this party does {@code this}. */
    public Direction reverse() {
        return of(receives, sends);
    }

    /** Both directions together: only what both parties allow (RFC 3264 §6.1). */
    public Direction intersect(Direction other) {
        return of(sends && other.sends, receives && other.receives);
    }
}
