package dev.parley.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} line (RFC 5576 §4.1), e.g.
 * {@code 3735928559 cname:alice@example.com}. The SSRC is an unsigned 32-bit number.
 */
public record SsrcAttribute(long ssrc, String attribute, Optional<String> value) {
    public SsrcAttribute {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC out of range: " + ssrc);
        }
    }

    /** Parses the value of an {@code a=ssrc} line; empty when it is malformed. */
    public static Optional<SsrcAttribute> parse(String value) {
        int space = value.indexOf(' ');
        String id = space < 0 ? value : value.substring(0, space);
        if (id.isEmpty() || id.length() > 10) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return Optional.empty();
            }
        }
        long ssrc = Long.parseLong(id);
        if (ssrc > 0xFFFF_FFFFL) {
            return Optional.empty();
        }
        if (space < 0) {
            return Optional.empty();
        }
        String rest = value.substring(space + 1);
        int colon = rest.indexOf(':');
        if (colon == 0 || rest.isEmpty()) {
            return Optional.empty();
        }
        return colon < 0
                ? Optional.of(new SsrcAttribute(ssrc, rest, Optional.empty()))
                : Optional.of(
                        new SsrcAttribute(ssrc, rest.substring(0, colon), Optional.of(rest.substring(colon + 1))));
    }

    /** The whole {@code a=ssrc} attribute value. */
    public String attributeValue() {
        return ssrc + " " + attribute + value.map(v -> ":" + v).orElse("");
    }
}
