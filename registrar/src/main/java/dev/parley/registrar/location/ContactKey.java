package dev.parley.registrar.location;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparison form of a SIP URI for binding lookups, after RFC 3261 §19.1.4: scheme and host
 * are case-insensitive, user is case-sensitive, the port is explicit, and of the URI parameters
 * only those that §19.1.4 makes significant when present (user, ttl, method, maddr, transport)
 * take part, lower-cased and sorted.
 */
public final class ContactKey {
    private ContactKey() {}

    /** The key for a parsed SIP or SIPS URI. */
    public static String of(String scheme, String user, String host, int port, Map<String, String> params) {
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        int effectivePort = port > 0 ? port : ("sips".equals(lowerScheme) ? 5061 : 5060);
        Map<String, String> significant = new TreeMap<>();
        params.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("user")
                    || n.equals("ttl")
                    || n.equals("method")
                    || n.equals("maddr")
                    || n.equals("transport")) {
                significant.put(n, value.toLowerCase(Locale.ROOT));
            }
        });
        StringBuilder key = new StringBuilder(lowerScheme).append(':');
        if (!user.isEmpty()) {
            key.append(user).append('@');
        }
        key.append(host.toLowerCase(Locale.ROOT)).append(':').append(effectivePort);
        significant.forEach((n, v) -> key.append(';').append(n).append('=').append(v));
        return key.toString();
    }
}
