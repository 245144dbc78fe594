package dev.parley.proxy.sip;

import dev.parley.registrar.location.Flow;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which connection-oriented flows (TCP, TLS) are open right now (RFC 5626 §3.1's "flow"): a
 * binding registered over a connection can be reached only through that very connection, so the
 * proxy asks here before it sends, and learns when one closes. The connections themselves are
 * jain-sip's; {@link FlowProcessorFactory} makes its TCP and TLS listeners report to this.
 *
 * <p>Thread-safe: the listeners' reader threads report closes, the SIP threads ask.
 */
final class FlowTracker {
    /** Peers whose connection closed, remembered so that no new connection is opened to them. */
    private static final int CLOSED_REMEMBERED = 65_536;

    /** What a listener knows: whether a connection from this peer address and port is open. */
    interface Listener {
        boolean hasConnection(String peerHost, int peerPort);
    }

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<String, Boolean> closedPeers = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CLOSED_REMEMBERED;
        }
    };
    private volatile Consumer<Flow> onClose = flow -> {};
    private volatile boolean stopping;

    /** {@code action} runs (on the connection's reader thread) for every flow that closes. */
    void onClose(Consumer<Flow> action) {
        this.onClose = action;
    }

    /** The stack is stopping: the connections it closes now are not the phones' doing. */
    void stopping() {
        stopping = true;
    }

    void listening(String transport, String localHost, int localPort, Listener listener) {
        listeners.put(listenerKey(transport, localHost, localPort), listener);
    }

    /**
     * Whether a request can go over {@code flow}: always for UDP; for a connection, only while
     * the connection it arrived on is open on the listener that took it.
     */
    boolean isOpen(Flow flow) {
        if (!flow.connectionOriented()) {
            return true;
        }
        Listener l = listeners.get(listenerKey(flow.transport(), flow.localHost(), flow.localPort()));
        return l != null && l.hasConnection(flow.sourceHost(), flow.sourcePort());
    }

    /** Whether a connection to or from {@code hop} is open on any listener of its transport. */
    boolean isOpen(dev.parley.proxy.routing.NextHop hop) {
        if (!hop.connectionOriented()) {
            return true;
        }
        String prefix = hop.transport() + "|";
        return listeners.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(prefix) && e.getValue().hasConnection(hop.host(), hop.port()));
    }

    /** A connection a phone opened to us closed. */
    void closed(Flow flow) {
        if (!stopping) {
            onClose.accept(flow);
        }
    }

    /**
     * Bindings depended on {@code flow}, which closed: from now on the stack opens no connection
     * to where it came from.
     */
    void refuse(Flow flow) {
        synchronized (closedPeers) {
            closedPeers.put(peerKey(flow.transport(), flow.sourceHost(), flow.sourcePort()), Boolean.TRUE);
        }
    }

    /**
     * Whether the stack must not open a connection to this peer: a phone's connection from
     * there closed, and its bindings said it does not listen there (behind a NAT nobody
     * listens there; RFC 5626 §5.3 answers such a request 430 instead of connecting).
     */
    boolean refusesConnect(String transport, String peerHost, int peerPort) {
        synchronized (closedPeers) {
            return closedPeers.containsKey(peerKey(transport, peerHost, peerPort));
        }
    }

    private static String listenerKey(String transport, String host, int port) {
        return transport.toUpperCase(Locale.ROOT) + "|" + host + "|" + port;
    }

    private static String peerKey(String transport, String host, int port) {
        return transport.toUpperCase(Locale.ROOT) + "|" + host + "|" + port;
    }
}
