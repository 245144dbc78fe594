package dev.parley.ua.session;

import java.util.Objects;

/**
 * Who the agent is and where it registers: the server as {@code host:port} (the outbound proxy
 * every request goes through), the user and its password, the display name put in From, and
 * the SIP domain of the address of record {@code sip:user@domain}.
 */
public record Account(String server, String user, String password, String displayName, String domain) {
    public Account {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(domain, "domain");
        if (user.isBlank() || user.chars().anyMatch(c -> c <= ' ' || c == '@' || c == ':' || c == '<' || c == '>')) {
            throw new IllegalArgumentException(
                    "a user name is one word without '@', ':' or spaces, got \"" + user + "\"");
        }
        if (domain.isBlank()) {
            throw new IllegalArgumentException("the SIP domain is empty");
        }
        serverHost(server);
        serverPort(server);
    }

    /** {@code sip:user@domain}. */
    public String aor() {
        return "sip:" + user + "@" + domain;
    }

    /** The display name, else the user name. */
    public String name() {
        return displayName.isBlank() ? user : displayName;
    }

    public String serverHost() {
        return serverHost(server);
    }

    public int serverPort() {
        return serverPort(server);
    }

    /** The account without its password, for logs. */
    @Override
    public String toString() {
        return "Account[" + aor() + " via " + server + ", \"" + name() + "\"]";
    }

    private static String serverHost(String server) {
        int colon = server.lastIndexOf(':');
        String host = colon < 0 ? server : server.substring(0, colon);
        if (host.isBlank()) {
            throw new IllegalArgumentException("the server is host:port, got \"" + server + "\"");
        }
        return host;
    }

    private static int serverPort(String server) {
        int colon = server.lastIndexOf(':');
        if (colon < 0) {
            return 5060;
        }
        try {
            int port = Integer.parseInt(server.substring(colon + 1));
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("the server's port must be 1-65535, got \"" + server + "\"");
    }
}
