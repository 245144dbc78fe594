package dev.parley.ua.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.jspecify.annotations.Nullable;

/**
 * An FFmpeg video encoder (libopenh264 for H.264 constrained baseline, libvpx for VP8) for
 * real-time use: no B-frames, no look-ahead, a bitrate cap, a key frame on demand (for a PLI or
 * FIR, RFC 4585 §6.3.1, RFC 5104 §4.3.1), and every input picture scaled to the configured
 * size. One owner thread calls {@link #encode}; {@link #requestKeyFrame} may come from any.
 */
public final class VideoEncoder implements AutoCloseable {
    /**
     * What to encode and how fast.
     *
     * @param size the coded picture size; inputs are scaled to it
     * @param framesPerSecond the nominal frame rate (time base and rate control)
     * @param maxBitrate the bitrate cap in bits per second
     * @param keyFrameIntervalSeconds a key frame at least this often, for receivers that join late
     */
    public record Config(
            VideoCodec codec, FrameSize size, int framesPerSecond, int maxBitrate, int keyFrameIntervalSeconds) {
        public Config {
            if (framesPerSecond < 1 || framesPerSecond > 60) {
                throw new IllegalArgumentException("frames per second must be 1 to 60: " + framesPerSecond);
            }
            if (maxBitrate < 10_000) {
                throw new IllegalArgumentException("bitrate cap below 10 kbit/s: " + maxBitrate);
            }
            if (keyFrameIntervalSeconds < 1) {
                throw new IllegalArgumentException("key frame interval must be positive: " + keyFrameIntervalSeconds);
            }
        }
    }

    private final Config config;
    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private final Pictures input = new Pictures();
    private final PointerPointer<?> sourcePlanes = new PointerPointer<>(4);
    private final IntPointer sourceStrides = new IntPointer(4);
    private final AtomicBoolean keyFrameRequested = new AtomicBoolean();
    private @Nullable SwsContext scaler;
    private long pts;
    private boolean closed;

    private VideoEncoder(Config config, AVCodecContext context, AVFrame frame, AVPacket packet) {
        this.config = config;
        this.context = context;
        this.frame = frame;
        this.packet = packet;
    }

    /** Opens the encoder; {@link CodecException} when FFmpeg lacks it or refuses the settings. */
    public static VideoEncoder open(Config config) throws CodecException {
        AVCodec codec = avcodec_find_encoder_by_name(config.codec().encoderName());
        if (codec == null || codec.isNull()) {
            throw new CodecException(
                    "this FFmpeg build has no " + config.codec().encoderName() + " encoder");
        }
        AVCodecContext c = avcodec_alloc_context3(codec);
        c.width(config.size().width());
        c.height(config.size().height());
        c.pix_fmt(AV_PIX_FMT_YUV420P);
        c.time_base(av_make_q(1, config.framesPerSecond()));
        c.framerate(av_make_q(config.framesPerSecond(), 1));
        c.gop_size(config.framesPerSecond() * config.keyFrameIntervalSeconds());
        c.max_b_frames(0);
        c.bit_rate(config.maxBitrate());
        c.rc_max_rate(config.maxBitrate());
        c.rc_buffer_size(config.maxBitrate());
        c.thread_count(1);
        AVDictionary options = new AVDictionary(null);
        if (config.codec() == VideoCodec.H264) {
            av_dict_set(options, "rc_mode", "bitrate", 0);
            // OpenH264 holds a bitrate only if it may skip frames (it says so at start otherwise).
            av_dict_set(options, "allow_skip_frames", "1", 0);
            av_dict_set(options, "profile", "constrained_baseline", 0);
        } else {
            av_dict_set(options, "deadline", "realtime", 0);
            av_dict_set(options, "cpu-used", "8", 0);
            av_dict_set(options, "lag-in-frames", "0", 0);
            av_dict_set(options, "error-resilient", "1", 0);
            // Constant bitrate (rc_min_rate = rc_max_rate = bit_rate) and frames dropped when the
            // buffer runs low, so the cap holds even on noise.
            av_dict_set(options, "drop-threshold", "30", 0);
            c.rc_min_rate(config.maxBitrate());
            c.qmax(63);
        }
        int rc = avcodec_open2(c, codec, options);
        av_dict_free(options);
        if (rc < 0) {
            avcodec_free_context(c);
            throw CodecException.of("cannot open " + config.codec().encoderName() + " at " + config.size(), rc);
        }
        AVFrame f = av_frame_alloc();
        f.format(AV_PIX_FMT_YUV420P);
        f.width(config.size().width());
        f.height(config.size().height());
        rc = av_frame_get_buffer(f, 32);
        if (rc < 0) {
            av_frame_free(f);
            avcodec_free_context(c);
            throw CodecException.of("no picture buffer", rc);
        }
        return new VideoEncoder(config, c, f, av_packet_alloc());
    }

    public Config config() {
        return config;
    }

    /** The next encoded frame is a key frame (an H.264 IDR access unit, a VP8 key frame). */
    public void requestKeyFrame() {
        keyFrameRequested.set(true);
    }

    /** Scales {@code image} to the coded size and encodes it; returns what the encoder output (usually one frame). */
    public List<EncodedFrame> encode(BufferedImage image) throws CodecException {
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        input.load(image);
        scaler = sws_getCachedContext(
                scaler,
                image.getWidth(),
                image.getHeight(),
                input.pixelFormat(),
                config.size().width(),
                config.size().height(),
                AV_PIX_FMT_YUV420P,
                SWS_BILINEAR,
                null,
                null,
                (DoublePointer) null);
        int rc = av_frame_make_writable(frame);
        if (rc < 0) {
            throw CodecException.of("picture buffer not writable", rc);
        }
        sourcePlanes.put(0, input.buffer());
        sourceStrides.put(0, input.stride());
        sws_scale(scaler, sourcePlanes, sourceStrides, 0, image.getHeight(), frame.data(), frame.linesize());
        frame.pts(pts++);
        frame.pict_type(keyFrameRequested.getAndSet(false) ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        rc = avcodec_send_frame(context, frame);
        if (rc < 0) {
            throw CodecException.of(config.codec().encoderName() + " refused a picture", rc);
        }
        List<EncodedFrame> out = new ArrayList<>(1);
        while (true) {
            rc = avcodec_receive_packet(context, packet);
            if (rc == AVERROR_EAGAIN()) {
                return out;
            }
            if (rc < 0) {
                throw CodecException.of(config.codec().encoderName() + " failed", rc);
            }
            byte[] data = new byte[packet.size()];
            packet.data().get(data);
            out.add(new EncodedFrame(data, (packet.flags() & AV_PKT_FLAG_KEY) != 0));
            av_packet_unref(packet);
        }
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
        input.close();
        sourcePlanes.close();
        sourceStrides.close();
    }
}
