package dev.parley.mixer.engine;

import java.net.InetSocketAddress;

/**
 * The sockets of one endpoint, as the packet path sees them: send a datagram from the endpoint's
 * RTP port or from its RTCP port (the same one under rtcp-mux). Called only on the owning
 * worker's thread.
 */
public interface EndpointTransport {
    /** Sends {@code len} bytes; false when the socket did not take the datagram. */
    boolean send(boolean fromRtcpPort, byte[] buf, int off, int len, InetSocketAddress to);
}
