package dev.parley.mixer.net;

import dev.parley.mixer.PortRange;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;
import java.util.List;

/**
 * Hands out media ports from the configured range: an even RTP port, and the odd port above it
 * for RTCP when RTCP is not muxed (RFC 3550 §11). Ports taken by other processes are skipped.
 * Shared by all workers; guarded by its own monitor (control path only, never per packet).
 */
final class PortAllocator {
    /** Socket buffers sized for bursts of a few hundred packets per socket. */
    private static final int SOCKET_BUFFER = 1 << 18;

    private final InetAddress bind;
    private final PortRange range;
    private final BitSet used = new BitSet();
    private int next;

    PortAllocator(InetAddress bind, PortRange range) {
        this.bind = bind;
        this.range = range;
        this.next = range.first() + (range.first() & 1);
    }

    /** Binds one channel (RTP, muxed) or two (RTP and RTCP), non-blocking. */
    synchronized List<DatagramChannel> open(boolean pair) throws IOException {
        int pairs = (range.last() - range.first() + 2) / 2;
        for (int tries = 0; tries < pairs; tries++) {
            int port = next;
            next += 2;
            if (next + 1 > range.last()) {
                next = range.first() + (range.first() & 1);
            }
            if (used.get(port)) {
                continue;
            }
            DatagramChannel rtp = tryBind(port);
            if (rtp == null) {
                continue;
            }
            if (!pair) {
                used.set(port);
                return List.of(rtp);
            }
            DatagramChannel rtcp = tryBind(port + 1);
            if (rtcp == null) {
                rtp.close();
                continue;
            }
            used.set(port);
            return List.of(rtp, rtcp);
        }
        throw new IOException("no free port pair left in " + range + " on " + bind.getHostAddress());
    }

    /** Gives a port back after its channels are closed. */
    synchronized void release(int rtpPort) {
        used.clear(rtpPort);
    }

    private @org.jspecify.annotations.Nullable DatagramChannel tryBind(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.bind(new InetSocketAddress(bind, port));
            channel.configureBlocking(false);
            return channel;
        } catch (BindException e) {
            channel.close();
            return null;
        }
    }
}
