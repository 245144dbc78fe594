package dev.parley.mixer.engine;

import dev.parley.media.rtcp.RtcpMuxDemux;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test transport: keeps a copy of every datagram the conference sends from one endpoint's ports. */
final class CapturingTransport implements EndpointTransport {
    record Sent(boolean rtcpPort, byte[] bytes, InetSocketAddress to) {}

    final List<Sent> sent = new ArrayList<>();
    boolean refuse;

    @Override
    public boolean send(boolean fromRtcpPort, byte[] buf, int off, int len, InetSocketAddress to) {
        if (refuse) {
            return false;
        }
        sent.add(new Sent(fromRtcpPort, Arrays.copyOfRange(buf, off, off + len), to));
        return true;
    }

    /** What the conference told the transport about its latches, in order: "rtp 127.0.0.1:4000", "-rtp". */
    final List<String> latches = new ArrayList<>();

    @Override
    public void latched(boolean rtcpPort, InetSocketAddress peer) {
        latches.add((rtcpPort ? "rtcp " : "rtp ") + peer.getAddress().getHostAddress() + ":" + peer.getPort());
    }

    @Override
    public void unlatched(boolean rtcpPort) {
        latches.add(rtcpPort ? "-rtcp" : "-rtp");
    }

    List<Sent> rtp() {
        return sent.stream()
                .filter(s -> RtcpMuxDemux.classify(s.bytes(), 0, s.bytes().length) == RtcpMuxDemux.Kind.RTP)
                .toList();
    }
}
