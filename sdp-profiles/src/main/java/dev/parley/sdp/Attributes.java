package dev.parley.sdp;

import java.util.List;
import java.util.Optional;

/** Look-ups over an ordered attribute list, shared by the session and media levels. */
final class Attributes {
    private Attributes() {}

    /** The value of the first attribute with this name; empty for none or a property. */
    static Optional<String> first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a.value();
            }
        }
        return Optional.empty();
    }

    static boolean has(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first of {@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive} (RFC 8866 §6.7). */
    static Optional<Direction> direction(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            if (a.value().isEmpty()) {
                Optional<Direction> d = Direction.fromAttribute(a.name());
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }
}
