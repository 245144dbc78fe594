package dev.parley.proxy.routing;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What names this server (RFC 3261 §16.4 "a value this proxy placed", §16.5 "a domain this
 * proxy is responsible for"): the SIP domain on any of the listening ports, and each listening
 * address with its own port. A URI without a port means 5060. A registered phone's contact on
 * the same address but another port is not this server.
 */
public final class OwnAddresses {
    private final String domain;
    private final Set<String> listening;
    private final Set<Integer> ports;

    /** {@code listen} as {@code host:port} strings. */
    public OwnAddresses(String domain, List<String> listen) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.listening = listen.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.ports = listen.stream()
                .map(s -> Integer.parseInt(s.substring(s.lastIndexOf(':') + 1)))
                .collect(Collectors.toUnmodifiableSet());
    }

    public String domain() {
        return domain;
    }

    /** Whether {@code host} and {@code port} (-1: none given) address this server. */
    public boolean isOurs(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int p = port < 0 ? 5060 : port;
        if (h.equals(domain)) {
            return port < 0 || ports.contains(p);
        }
        return listening.contains(h + ":" + p);
    }
}
