package dev.parley.mixer.net;

import dev.parley.mixer.engine.EndpointTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * The bound channels of one endpoint: RTP, and RTCP unless muxed. Sends copy into the worker's
 * one direct buffer, so a send allocates nothing. Used only on the owning worker's thread.
 */
final class EndpointSockets implements EndpointTransport, AutoCloseable {
    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final ByteBuffer tx;
    private final int rtpPort;
    private final int rtcpPort;

    EndpointSockets(List<DatagramChannel> channels, ByteBuffer tx) {
        this.rtp = channels.get(0);
        this.rtcp = channels.size() > 1 ? channels.get(1) : rtp;
        this.tx = tx;
        this.rtpPort = port(rtp);
        this.rtcpPort = port(rtcp);
    }

    private static int port(DatagramChannel channel) {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DatagramChannel rtp() {
        return rtp;
    }

    DatagramChannel rtcp() {
        return rtcp;
    }

    boolean muxed() {
        return rtp == rtcp;
    }

    int rtpPort() {
        return rtpPort;
    }

    int rtcpPort() {
        return rtcpPort;
    }

    @Override
    public boolean send(boolean fromRtcpPort, byte[] buf, int off, int len, InetSocketAddress to) {
        tx.clear();
        tx.put(buf, off, len).flip();
        try {
            return (fromRtcpPort ? rtcp : rtp).send(tx, to) == len;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rtp.close();
        } finally {
            rtcp.close();
        }
    }
}
