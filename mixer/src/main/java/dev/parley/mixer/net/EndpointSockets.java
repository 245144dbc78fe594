package dev.parley.mixer.net;

import dev.parley.mixer.engine.EndpointTransport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bound channels of one endpoint: RTP, and RTCP unless muxed. A send copies into a pooled
 * direct buffer and queues it on the channel without flushing; the worker flushes every channel
 * written to once per read batch and once per tick, so the native transport hands the kernel
 * several datagrams in one sendmmsg. Used only on the owning worker's thread.
 *
 * <p>With the native transport, once a port's peer is latched (symmetric RTP) its channel is
 * connected to the peer: the kernel then delivers only the peer's datagrams, which the packet
 * path would accept anyway, and Netty reads them without building a sender address per datagram;
 * a send to the peer is the bare buffer, with no envelope and no address to convert. A send
 * anywhere else (before the latch, to an endpoint that never sent anything, or RTCP to a
 * signalled port) still goes in a {@link DatagramPacket}. When the focus moves the endpoint the
 * latch restarts and the channel is disconnected again. NIO channels are never connected: the
 * JDK's connect discards the datagrams already queued, which would lose the peer's first packets.
 */
final class EndpointSockets implements EndpointTransport, AutoCloseable {
    private final Channel rtp;
    private final Channel rtcp;
    private final Worker worker;
    private final int rtpPort;
    private final int rtcpPort;
    /** Whether a datagram waits in a channel's outbound buffer for the worker's next flush. */
    boolean rtpDirty;

    boolean rtcpDirty;
    /** The peer each channel is connected to; null while unconnected. */
    private @Nullable InetSocketAddress rtpPeer;

    private @Nullable InetSocketAddress rtcpPeer;

    /** Whether a latched port's channel is connected to its peer (the native transport). */
    private final boolean connectLatched;

    EndpointSockets(List<Channel> channels, Worker worker, boolean connectLatched) {
        this.connectLatched = connectLatched;
        this.rtp = channels.get(0);
        this.rtcp = channels.size() > 1 ? channels.get(1) : rtp;
        this.worker = worker;
        this.rtpPort = ((InetSocketAddress) rtp.localAddress()).getPort();
        this.rtcpPort = ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    Channel rtp() {
        return rtp;
    }

    Channel rtcp() {
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

    /**
     * Queues the datagram; false when the channel is closed or its outbound buffer is over its
     * high-water mark (the kernel is not taking what it has), so the packet is dropped here.
     */
    @Override
    public boolean send(boolean fromRtcpPort, byte[] buf, int off, int len, InetSocketAddress to) {
        Channel channel = fromRtcpPort ? rtcp : rtp;
        if (!channel.isActive() || !channel.isWritable()) {
            return false;
        }
        ByteBuf copy = channel.alloc().directBuffer(len);
        copy.writeBytes(buf, off, len);
        InetSocketAddress peer = fromRtcpPort && !muxed() ? rtcpPeer : rtpPeer;
        if (peer != null && (peer == to || peer.equals(to))) {
            channel.write(copy, channel.voidPromise());
        } else {
            channel.write(new DatagramPacket(copy, to), channel.voidPromise());
        }
        if (fromRtcpPort && !muxed()) {
            if (!rtcpDirty) {
                rtcpDirty = true;
                worker.needsFlush(this);
            }
        } else if (!rtpDirty) {
            rtpDirty = true;
            worker.needsFlush(this);
        }
        return true;
    }

    @Override
    public void latched(boolean rtcpPort, InetSocketAddress peer) {
        if (!connectLatched) {
            return;
        }
        if (rtcpPort && !muxed()) {
            rtcpPeer = connect(rtcp, peer);
        } else {
            rtpPeer = connect(rtp, peer);
        }
    }

    @Override
    public void unlatched(boolean rtcpPort) {
        if (!connectLatched) {
            return;
        }
        if (rtcpPort && !muxed()) {
            rtcpPeer = disconnect(rtcp);
        } else {
            rtpPeer = disconnect(rtp);
        }
    }

    /**
     * Connects the channel to {@code peer}: the peer when that worked, else null and the
     * channel stays unconnected (every datagram then still reaches the packet path's check).
     * What the channel holds is flushed first, since a bare buffer queued for the old peer has
     * no address of its own. On the loop thread, where connect completes at once.
     */
    private @Nullable InetSocketAddress connect(Channel channel, InetSocketAddress peer) {
        disconnect(channel);
        ChannelFuture done = channel.connect(peer);
        if (!done.isDone() || !done.isSuccess()) {
            disconnect(channel);
            return null;
        }
        return peer;
    }

    private @Nullable InetSocketAddress disconnect(Channel channel) {
        channel.flush();
        if (channel.remoteAddress() != null) {
            channel.disconnect();
        }
        return null;
    }

    /** Hands what the channels hold to the kernel: one sendmmsg per channel with the native transport. */
    void flush() {
        if (rtpDirty) {
            rtpDirty = false;
            rtp.flush();
        }
        if (rtcpDirty) {
            rtcpDirty = false;
            rtcp.flush();
        }
    }

    @Override
    public void close() {
        rtpDirty = false;
        rtcpDirty = false;
        rtp.close();
        rtcp.close();
    }
}
