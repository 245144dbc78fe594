package dev.parley.ua.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;

import java.util.Locale;
import java.util.Optional;

/**
 * The video codecs the agent sends and receives, by their SDP encoding names (RFC 6184 §8.1,
 * RFC 7741 §6.1), with the FFmpeg encoder that makes them (LGPL build: libopenh264, libvpx)
 * and their RTP payload format.
 */
public enum VideoCodec {
    H264("H264", "libopenh264", AV_CODEC_ID_H264),
    VP8("VP8", "libvpx", AV_CODEC_ID_VP8);

    private final String encodingName;
    private final String encoderName;
    private final int codecId;

    VideoCodec(String encodingName, String encoderName, int codecId) {
        this.encodingName = encodingName;
        this.encoderName = encoderName;
        this.codecId = codecId;
    }

    /** The codec with this SDP encoding name (case-insensitive), if the agent has it. */
    public static Optional<VideoCodec> byEncodingName(String name) {
        for (VideoCodec c : values()) {
            if (c.encodingName.equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public String encodingName() {
        return encodingName;
    }

    /** FFmpeg's encoder name for {@code avcodec_find_encoder_by_name}. */
    public String encoderName() {
        return encoderName;
    }

    /** FFmpeg's {@code AVCodecID}, for the decoder. */
    public int codecId() {
        return codecId;
    }

    /** A packetizer for RTP payloads of at most {@code maxPayloadSize} bytes. */
    public Packetizer packetizer(int maxPayloadSize, int initialPictureId) {
        return this == H264 ? new H264Packetizer(maxPayloadSize) : new Vp8Packetizer(maxPayloadSize, initialPictureId);
    }

    public Depacketizer depacketizer() {
        return this == H264 ? new H264Depacketizer() : new Vp8Depacketizer();
    }
}
