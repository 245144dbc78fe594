package dev.parley.mixer.net;

import dev.parley.mixer.PortRange;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Hands out media ports from the configured range: an even RTP port, and the odd port above it
 * for RTCP when RTCP is not muxed (RFC 3550 §11). Ports taken by other processes are skipped.
 * Shared by all workers; guarded by its own monitor (control path only, never per packet).
 */
final class PortAllocator {
    /** Binds one channel to an address; the worker makes it on its own event loop. */
    interface Binder {
        /** The bound channel, or null when the port is taken. */
        @Nullable
        Channel bind(InetSocketAddress local) throws IOException;
    }

    private final InetAddress bind;
    private final PortRange range;
    private final BitSet used = new BitSet();
    private int next;

    PortAllocator(InetAddress bind, PortRange range) {
        this.bind = bind;
        this.range = range;
        this.next = range.first() + (range.first() & 1);
    }

    InetAddress address() {
        return bind;
    }

    /** Binds one channel (RTP, muxed) or two (RTP and RTCP). */
    synchronized List<Channel> open(boolean pair, Binder binder) throws IOException {
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
            Channel rtp = binder.bind(new InetSocketAddress(bind, port));
            if (rtp == null) {
                continue;
            }
            if (!pair) {
                used.set(port);
                return List.of(rtp);
            }
            Channel rtcp = binder.bind(new InetSocketAddress(bind, port + 1));
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

    /**
     * Whether a bind failed because the port is in use: java.nio says {@link BindException},
     * Netty's native transport an IOException naming EADDRINUSE.
     */
    static boolean portTaken(Throwable cause) {
        return cause instanceof BindException
                || String.valueOf(cause.getMessage()).contains("Address already in use");
    }
}
