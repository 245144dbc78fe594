package dev.parley.mixer.engine;

import java.net.InetSocketAddress;

/**
 * The sockets of one endpoint, as the packet path sees them: send a datagram from the endpoint's
 * RTP port or from its RTCP port (the same one under rtcp-mux), and hear when a port's peer is
 * latched or unlatched (symmetric RTP, {@link RemoteLatch}). Called only on the owning worker's
 * thread.
 */
public interface EndpointTransport {
    /**
     * Sends {@code len} bytes; false when the socket did not take the datagram. The bytes are
     * the caller's again when this returns (the transport copies what it keeps).
     */
    boolean send(boolean fromRtcpPort, byte[] buf, int off, int len, InetSocketAddress to);

    /**
     * The port's latch took {@code peer}: from now until {@link #unlatched} the packet path
     * accepts datagrams on that port from {@code peer} only, so the transport may leave the
     * others to the kernel (a connected socket) and send to {@code peer} without naming it.
     */
    void latched(boolean rtcpPort, InetSocketAddress peer);

    /** The port's latch restarted (the focus moved the endpoint): any source may arrive again. */
    void unlatched(boolean rtcpPort);
}
