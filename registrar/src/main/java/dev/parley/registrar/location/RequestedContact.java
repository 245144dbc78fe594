package dev.parley.registrar.location;

import java.util.Optional;

/**
 * One Contact of a REGISTER (RFC 3261 §10.2.1): the URI, its comparison key, and its own
 * {@code expires} and {@code q} parameters when present (q in thousandths); {@code outbound}
 * when it carries both {@code +sip.instance} and {@code reg-id} (RFC 5626 §4.2).
 */
public record RequestedContact(
        String uri, String key, Optional<Long> expires, Optional<Integer> q, Optional<Outbound> outbound) {
    /** A contact without outbound parameters. */
    public RequestedContact(String uri, String key, Optional<Long> expires, Optional<Integer> q) {
        this(uri, key, expires, q, Optional.empty());
    }

    public RequestedContact {
        if (uri.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("contact URI and key must not be empty");
        }
        if (expires.isPresent() && expires.get() < 0) {
            throw new IllegalArgumentException("expires must not be negative");
        }
    }
}
