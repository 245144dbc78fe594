package dev.parley.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property ({@code a=rtcp-mux}) or a name with a
 * value ({@code a=rtpmap:0 PCMU/8000}). The value is kept exactly as written, so unknown
 * attributes survive a round trip untouched.
 */
public record Attribute(String name, Optional<String> value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name is empty");
        }
    }

    /** A property attribute, written {@code a=NAME}. */
    public static Attribute flag(String name) {
        return new Attribute(name, Optional.empty());
    }

    /** A value attribute, written {@code a=NAME:VALUE}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, Optional.of(value));
    }

    /** The value, or the empty string for a property attribute. */
    public String valueOrEmpty() {
        return value.orElse("");
    }
}
