package dev.parley.registrar.location;

import java.util.Locale;
import java.util.Set;

/**
 * The flow a REGISTER arrived on (RFC 3581 for UDP, RFC 5626 §3 in spirit): transport, source
 * address and port as seen by the server, and the local listener that received it. Requests for
 * the binding are sent back over this flow, which is what gets through a NAT.
 */
public record Flow(String transport, String sourceHost, int sourcePort, String localHost, int localPort) {
    private static final Set<String> TRANSPORTS = Set.of("UDP", "TCP", "TLS", "SCTP", "WS", "WSS");

    public Flow {
        transport = transport.toUpperCase(Locale.ROOT);
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("unknown transport " + transport);
        }
        checkPort(sourcePort);
        checkPort(localPort);
        if (sourceHost.isEmpty() || localHost.isEmpty()) {
            throw new IllegalArgumentException("flow hosts must not be empty");
        }
    }

    /**
     * Whether the flow is a connection (TCP, TLS, SCTP, WebSocket): requests reach the phone only
     * while that connection is open, and nobody can open a new one to its source port.
     */
    public boolean connectionOriented() {
        return !transport.equals("UDP");
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
