package dev.parley.mixer;

import dev.parley.media.g711.MuLaw;
import dev.parley.media.g722.G722Decoder;
import dev.parley.media.g722.G722Encoder;
import dev.parley.media.rtp.RtpHeaderWriter;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;

/**
 * A test participant's codec as its own softphone would run it: PCM at the peer's rate, RTP
 * payloads. Each instance keeps its codec state: one per participant.
 */
interface PeerCodec {
    int payloadType();

    /** "encoding/clock", as in a=rtpmap. */
    String rtpmap();

    int sampleRate();

    int timestampsPerFrame();

    byte[] encode(short[] pcm) throws OpusException;

    short[] decode(byte[] buf, int off, int len) throws OpusException;

    /** The control API's "formats" entry for this codec. */
    default String formatJson() {
        String[] map = rtpmap().split("/", -1);
        return "{\"payloadType\":" + payloadType() + ",\"encoding\":\"" + map[0] + "\",\"clockRate\":" + map[1] + "}";
    }

    /**
     * The RTP packet (RFC 3550 §5.1, no CSRCs) of the participant's frame {@code k}: sequence k,
     * timestamp from 1000 on at the codec's clock.
     */
    default byte[] rtp(int k, long ssrc, byte[] payload) {
        byte[] packet = new byte[12 + payload.length];
        RtpHeaderWriter.writeFixed(packet, 0, false, payloadType(), k, 1000 + (long) k * timestampsPerFrame(), ssrc);
        System.arraycopy(payload, 0, packet, 12, payload.length);
        return packet;
    }

    static PeerCodec pcmu() {
        return new PeerCodec() {
            @Override
            public int payloadType() {
                return 0;
            }

            @Override
            public String rtpmap() {
                return "PCMU/8000";
            }

            @Override
            public int sampleRate() {
                return 8000;
            }

            @Override
            public int timestampsPerFrame() {
                return 160;
            }

            @Override
            public byte[] encode(short[] pcm) {
                byte[] out = new byte[pcm.length];
                MuLaw.encode(pcm, 0, out, 0, pcm.length);
                return out;
            }

            @Override
            public short[] decode(byte[] buf, int off, int len) {
                short[] pcm = new short[len];
                MuLaw.decode(buf, off, pcm, 0, len);
                return pcm;
            }
        };
    }

    /** G.722: 16 kHz audio, RTP clock 8000 (RFC 3551 §4.5.2). */
    static PeerCodec g722() {
        G722Encoder encoder = new G722Encoder();
        G722Decoder decoder = new G722Decoder();
        return new PeerCodec() {
            @Override
            public int payloadType() {
                return 9;
            }

            @Override
            public String rtpmap() {
                return "G722/8000";
            }

            @Override
            public int sampleRate() {
                return 16000;
            }

            @Override
            public int timestampsPerFrame() {
                return 160;
            }

            @Override
            public byte[] encode(short[] pcm) {
                byte[] out = new byte[pcm.length / 2];
                encoder.encode(pcm, 0, pcm.length, out, 0);
                return out;
            }

            @Override
            public short[] decode(byte[] buf, int off, int len) {
                short[] pcm = new short[2 * len];
                decoder.decode(buf, off, len, pcm, 0);
                return pcm;
            }
        };
    }

    /** Opus at 48 kHz, fullband, as a desktop softphone sends it (RFC 7587), through concentus. */
    static PeerCodec opus() throws OpusException {
        OpusEncoder encoder = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setComplexity(3); // a cheaper encoder: the test measures the mixer, not this side
        OpusDecoder decoder = new OpusDecoder(48000, 1);
        return new PeerCodec() {
            @Override
            public int payloadType() {
                return 111;
            }

            @Override
            public String rtpmap() {
                return "opus/48000";
            }

            @Override
            public int sampleRate() {
                return 48000;
            }

            @Override
            public int timestampsPerFrame() {
                return 960;
            }

            @Override
            public byte[] encode(short[] pcm) throws OpusException {
                byte[] out = new byte[1275];
                int n = encoder.encode(pcm, 0, pcm.length, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }

            @Override
            public short[] decode(byte[] buf, int off, int len) throws OpusException {
                short[] pcm = new short[5760];
                int n = decoder.decode(buf, off, len, pcm, 0, pcm.length, false);
                return Arrays.copyOf(pcm, n);
            }
        };
    }
}
