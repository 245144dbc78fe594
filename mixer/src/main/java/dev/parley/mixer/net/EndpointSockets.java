package dev.parley.mixer.net;

import dev.parley.mixer.engine.EndpointTransport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The bound channels of one endpoint: RTP, and RTCP unless muxed. A send copies into a pooled
 * direct buffer and queues it on the channel without flushing; the worker flushes every channel
 * written to once per read batch and once per tick, so the native transport hands the kernel
 * several datagrams in one sendmmsg. Used only on the owning worker's thread.
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

    EndpointSockets(List<Channel> channels, Worker worker) {
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
        channel.write(new DatagramPacket(copy, to), channel.voidPromise());
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
