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

    /**
     * Whether a SIP or SIPS URI's host and port are exactly {@code host} and {@code port} (an
     * absent port is 5060, or 5061 for SIPS). A host name never matches an address.
     */
    public static boolean namesAddress(String uri, String host, int port) {
        String lower = uri.toLowerCase(Locale.ROOT);
        int defaultPort = lower.startsWith("sips:") ? 5061 : 5060;
        int colon = lower.indexOf(':');
        if (colon < 0 || !(lower.startsWith("sip:") || lower.startsWith("sips:"))) {
            return false;
        }
        String rest = uri.substring(colon + 1);
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int end = rest.length();
        for (char stop : new char[] {';', '?', '>'}) {
            int k = rest.indexOf(stop);
            if (k >= 0 && k < end) {
                end = k;
            }
        }
        rest = rest.substring(0, end);
        String uriHost;
        String portPart = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return false;
            }
            uriHost = rest.substring(1, close);
            portPart = rest.substring(close + 1);
        } else {
            int k = rest.lastIndexOf(':');
            uriHost = k < 0 ? rest : rest.substring(0, k);
            portPart = k < 0 ? "" : rest.substring(k);
        }
        int uriPort = defaultPort;
        if (portPart.startsWith(":")) {
            try {
                uriPort = Integer.parseInt(portPart.substring(1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String wanted = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return uriHost.equalsIgnoreCase(wanted) && uriPort == port;
    }
}
