package dev.parley.proxy.routing;

import java.util.Optional;

/**
 * One element of a target set (RFC 3261 §16.5): the URI that becomes the Request-URI of the
 * branch and, when the contact registered from behind a NAT, the flow to send it over (the
 * REGISTER's source address, RFC 3581) instead of the URI's own host and port.
 */
public record Target(String uri, Optional<NextHop> flow) {
    public Target {
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("a target needs a URI");
        }
    }
}
