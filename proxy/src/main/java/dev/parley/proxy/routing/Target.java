package dev.parley.proxy.routing;

import java.util.List;
import java.util.Optional;

/**
 * One element of a target set (RFC 3261 §16.5): the URI that becomes the Request-URI of the
 * branch and, when the contact registered from behind a NAT, the flow to send it over (the
 * REGISTER's source address, RFC 3581) instead of the URI's own host and port. {@code fallbacks}
 * are the same device's other SIP Outbound flows, tried in order when sending on this one fails
 * (RFC 5626 §5.3).
 */
public record Target(String uri, Optional<NextHop> flow, List<Target> fallbacks) {
    public Target {
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("a target needs a URI");
        }
        fallbacks = List.copyOf(fallbacks);
    }

    /** A target with nothing to fall back on. */
    public Target(String uri, Optional<NextHop> flow) {
        this(uri, flow, List.of());
    }
}
