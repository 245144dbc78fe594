package dev.parley.mixer.engine;

import dev.parley.media.g711.MuLaw;
import dev.parley.media.rtp.RtpHeaderWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Test helpers: RTP packets and endpoint specs. */
final class Packets {
    static final PayloadFormat PCMU = new PayloadFormat(0, "PCMU", 8000);
    static final PayloadFormat PCMA = new PayloadFormat(8, "PCMA", 8000);
    static final PayloadFormat DTMF = new PayloadFormat(101, "telephone-event", 8000);
    static final PayloadFormat VP8 = new PayloadFormat(96, "VP8", 90000);

    private Packets() {}

    /** An RTP packet: 12-byte header then the payload. */
    static byte[] rtp(int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
        byte[] packet = new byte[12 + payload.length];
        RtpHeaderWriter.writeFixed(packet, 0, false, payloadType, sequence, timestamp, ssrc);
        System.arraycopy(payload, 0, packet, 12, payload.length);
        return packet;
    }

    static byte[] pcmu(short[] pcm) {
        byte[] out = new byte[pcm.length];
        MuLaw.encode(pcm, 0, out, 0, pcm.length);
        return out;
    }

    static short[] decodePcmu(byte[] packet) {
        short[] pcm = new short[packet.length - 12];
        MuLaw.decode(packet, 12, pcm, 0, pcm.length);
        return pcm;
    }

    static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    static EndpointSpec audio(String id, PayloadFormat... formats) {
        return audio(id, id, formats);
    }

    static EndpointSpec audio(String id, String participant, PayloadFormat... formats) {
        return new EndpointSpec(
                id,
                participant,
                MediaKind.AUDIO,
                List.of(formats),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                false,
                Direction.SENDRECV,
                true);
    }

    static EndpointSpec video(String id, String participant, PayloadFormat format) {
        return video(id, participant, format, false);
    }

    /** A video endpoint; {@code activeSpeaker} when it takes one stream (a softphone). */
    static EndpointSpec video(String id, String participant, PayloadFormat format, boolean activeSpeaker) {
        return new EndpointSpec(
                id,
                participant,
                MediaKind.VIDEO,
                List.of(format),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                false,
                Direction.SENDRECV,
                true,
                activeSpeaker);
    }

    static EndpointSpec with(EndpointSpec s, boolean muted, Direction direction, Optional<InetSocketAddress> remote) {
        return new EndpointSpec(
                s.id(),
                s.participant(),
                s.kind(),
                s.formats(),
                remote,
                s.remoteRtcp(),
                s.ssrcs(),
                muted,
                direction,
                s.rtcpMux(),
                s.activeSpeaker());
    }
}
