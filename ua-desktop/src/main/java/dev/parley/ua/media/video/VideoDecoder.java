package dev.parley.ua.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.jspecify.annotations.Nullable;

/**
 * An FFmpeg video decoder (its own h264 and vp8 decoders) that turns each complete frame from
 * a {@link FrameAssembler} into a {@code TYPE_3BYTE_BGR} picture of the size the sender coded.
 * Low delay, one thread: a frame in, its picture out. One owner thread.
 */
public final class VideoDecoder implements AutoCloseable {
    private final VideoCodec codec;
    private final AVCodecContext context;
    private final AVPacket packet;
    private final AVFrame frame;
    private final PointerPointer<?> targetPlanes = new PointerPointer<>(4);
    private final IntPointer targetStrides = new IntPointer(4);
    private BytePointer target = new BytePointer(0L);
    private @Nullable SwsContext scaler;
    private boolean closed;

    private VideoDecoder(VideoCodec codec, AVCodecContext context) {
        this.codec = codec;
        this.context = context;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    public static VideoDecoder open(VideoCodec codec) throws CodecException {
        AVCodec decoder = avcodec_find_decoder(codec.codecId());
        if (decoder == null || decoder.isNull()) {
            throw new CodecException("this FFmpeg build has no " + codec.encodingName() + " decoder");
        }
        AVCodecContext c = avcodec_alloc_context3(decoder);
        c.thread_count(1);
        c.flags(c.flags() | AV_CODEC_FLAG_LOW_DELAY);
        int rc = avcodec_open2(c, decoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (rc < 0) {
            avcodec_free_context(c);
            throw CodecException.of("cannot open the " + codec.encodingName() + " decoder", rc);
        }
        return new VideoDecoder(codec, c);
    }

    public VideoCodec codec() {
        return codec;
    }

    /**
     * Decodes one frame; empty when the decoder holds it back. {@link CodecException} when the
     * data is corrupt: the caller drops it and asks the sender for a key frame.
     */
    public Optional<BufferedImage> decode(EncodedFrame encoded) throws CodecException {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        int rc = av_new_packet(packet, encoded.data().length);
        if (rc < 0) {
            throw CodecException.of("no packet buffer", rc);
        }
        packet.data().put(encoded.data());
        rc = avcodec_send_packet(context, packet);
        av_packet_unref(packet);
        if (rc < 0 && rc != AVERROR_EAGAIN()) {
            throw CodecException.of(
                    codec.encodingName() + " frame of " + encoded.data().length + " bytes not decodable", rc);
        }
        BufferedImage picture = null;
        while ((rc = avcodec_receive_frame(context, frame)) >= 0) {
            picture = toImage(frame);
            av_frame_unref(frame);
        }
        if (rc != AVERROR_EAGAIN()) {
            throw CodecException.of(codec.encodingName() + " decoding failed", rc);
        }
        return Optional.ofNullable(picture);
    }

    private BufferedImage toImage(AVFrame f) {
        int w = f.width();
        int h = f.height();
        scaler = sws_getCachedContext(
                scaler, w, h, f.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        long size = (long) w * h * 3;
        if (target.capacity() < size) {
            target.close();
            target = new BytePointer(size);
        }
        targetPlanes.put(0, target);
        targetStrides.put(0, w * 3);
        sws_scale(scaler, f.data(), f.linesize(), 0, h, targetPlanes, targetStrides);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        target.position(0).get(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, (int) size);
        return image;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av_packet_free(packet);
        av_frame_free(frame);
        avcodec_free_context(context);
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        target.close();
        targetPlanes.close();
        targetStrides.close();
    }
}
