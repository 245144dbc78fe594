package dev.parley.proxy.routing;

import java.util.Locale;

/** Where a request goes on the wire: host, port and transport (UDP, TCP). */
public record NextHop(String host, int port, String transport) {
    public NextHop {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a next hop needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        transport = transport.toUpperCase(Locale.ROOT);
    }

    /** Whether this hop is a connection (TCP, TLS…) rather than UDP datagrams. */
    public boolean connectionOriented() {
        return !transport.equals("UDP");
    }
}
