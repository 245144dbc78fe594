package dev.parley.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.ShortPointer;

/**
 * FFmpeg's own audio encoders and decoders (JavaCV's FFmpeg build, tests only), mono 16-bit,
 * to check media-core's codecs against: {@code AV_CODEC_ID_PCM_MULAW}, {@code _PCM_ALAW},
 * {@code _ADPCM_G722}.
 */
public final class FfmpegAudio {
    private FfmpegAudio() {}

    /** Encodes {@code pcm} with FFmpeg's encoder for {@code codecId}; the coded bytes, concatenated. */
    public static byte[] encode(int codecId, int sampleRate, short[] pcm) {
        AVCodec codec = avcodec_find_encoder(codecId);
        AVCodecContext c = open(codec, sampleRate);
        int frameSize = c.frame_size() > 0 ? c.frame_size() : 160;
        AVFrame frame = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int at = 0; at < pcm.length; at += frameSize) {
                int n = Math.min(frameSize, pcm.length - at);
                frame.nb_samples(n);
                frame.format(AV_SAMPLE_FMT_S16);
                frame.sample_rate(sampleRate);
                check(av_channel_layout_copy(frame.ch_layout(), c.ch_layout()), "channel layout");
                check(av_frame_get_buffer(frame, 0), "frame buffer");
                new ShortPointer(frame.data(0)).put(pcm, at, n);
                check(avcodec_send_frame(c, frame), "send frame");
                av_frame_unref(frame);
                drainPackets(c, packet, out);
            }
            check(avcodec_send_frame(c, null), "flush");
            drainPackets(c, packet, out);
            return out.toByteArray();
        } finally {
            av_packet_free(packet);
            av_frame_free(frame);
            avcodec_free_context(c);
        }
    }

    /** Decodes {@code coded} with FFmpeg's decoder for {@code codecId}; the samples, concatenated. */
    public static short[] decode(int codecId, int sampleRate, byte[] coded) {
        AVCodecContext c = open(avcodec_find_decoder(codecId), sampleRate);
        AVFrame frame = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        ByteBuffer samples = ByteBuffer.allocate(coded.length * 8).order(ByteOrder.nativeOrder());
        try {
            for (int at = 0; at < coded.length; at += 160) {
                int n = Math.min(160, coded.length - at);
                check(av_new_packet(packet, n), "packet");
                packet.data().put(coded, at, n);
                check(avcodec_send_packet(c, packet), "send packet");
                av_packet_unref(packet);
                while (avcodec_receive_frame(c, frame) >= 0) {
                    if (frame.format() != AV_SAMPLE_FMT_S16) {
                        throw new IllegalStateException("decoder gave sample format " + frame.format());
                    }
                    short[] s = new short[frame.nb_samples()];
                    new ShortPointer(frame.data(0)).get(s);
                    samples.asShortBuffer().put(s);
                    samples.position(samples.position() + 2 * s.length);
                    av_frame_unref(frame);
                }
            }
            short[] all = new short[samples.position() / 2];
            samples.flip();
            samples.asShortBuffer().get(all);
            return all;
        } finally {
            av_packet_free(packet);
            av_frame_free(frame);
            avcodec_free_context(c);
        }
    }

    private static AVCodecContext open(AVCodec codec, int sampleRate) {
        if (codec == null || codec.isNull()) {
            throw new IllegalStateException("FFmpeg build without this codec");
        }
        AVCodecContext c = avcodec_alloc_context3(codec);
        c.sample_fmt(AV_SAMPLE_FMT_S16);
        c.sample_rate(sampleRate);
        c.bit_rate(64_000);
        av_channel_layout_default(c.ch_layout(), 1);
        check(
                avcodec_open2(c, codec, (AVDictionary) null),
                "open " + codec.name().getString());
        return c;
    }

    private static void drainPackets(AVCodecContext c, AVPacket packet, ByteArrayOutputStream out) {
        while (avcodec_receive_packet(c, packet) >= 0) {
            byte[] b = new byte[packet.size()];
            packet.data().get(b);
            out.write(b, 0, b.length);
            av_packet_unref(packet);
        }
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException("FFmpeg " + what + " failed: " + rc);
        }
    }
}
