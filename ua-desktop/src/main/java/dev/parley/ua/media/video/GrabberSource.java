package dev.parley.ua.media.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A device read through FFmpeg's input devices (JavaCV's {@link FFmpegFrameGrabber}): a camera
 * ({@code video4linux2}), the X screen ({@code x11grab}) or a synthetic lavfi input. The device
 * paces {@link #grab}; pictures come as BGR.
 */
public final class GrabberSource implements VideoSource {
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final FrameSize size;
    private final String description;

    private GrabberSource(FFmpegFrameGrabber grabber, String description) throws IOException {
        this.grabber = grabber;
        this.description = description;
        int w = grabber.getImageWidth() & ~1;
        int h = grabber.getImageHeight() & ~1;
        if (w < 2 || h < 2) {
            close();
            throw new IOException(description + " gave no picture size");
        }
        this.size = new FrameSize(w, h);
    }

    /** A camera ({@code /dev/video0} and so on), asking for {@code wanted} at {@code fps}. */
    public static GrabberSource camera(String device, FrameSize wanted, int fps) throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(device);
        g.setFormat("video4linux2");
        g.setImageWidth(wanted.width());
        g.setImageHeight(wanted.height());
        g.setFrameRate(fps);
        return start(g, "camera " + device);
    }

    /**
     * The X screen {@code display} (e.g. {@code :0}) from {@code (x, y)}, {@code size} pixels or
     * the whole screen when empty, at {@code fps} (x11grab, RFC 4796 slides material).
     */
    public static GrabberSource screen(String display, int x, int y, Optional<FrameSize> size, int fps)
            throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(display + "+" + x + "," + y);
        g.setFormat("x11grab");
        g.setFrameRate(fps);
        g.setOption("draw_mouse", "1");
        size.ifPresent(s -> g.setOption("video_size", s.width() + "x" + s.height()));
        return start(g, "screen " + display);
    }

    private static GrabberSource start(FFmpegFrameGrabber g, String description) throws IOException {
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            try {
                g.release();
            } catch (FrameGrabber.Exception ignored) {
                // nothing more to release
            }
            String hint = String.valueOf(e.getMessage()).contains("Could not find input format")
                    // FFmpeg's device library did not load: it links PulseAudio's client library.
                    ? " (is PulseAudio's client library installed? Debian: apt-get install libpulse0)"
                    : "";
            throw new IOException("cannot open " + description + ": " + e.getMessage() + hint, e);
        }
        return new GrabberSource(g, description);
    }

    @Override
    public FrameSize size() {
        return size;
    }

    @Override
    public Optional<BufferedImage> grab() throws IOException {
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(description + " failed: " + e.getMessage(), e);
        }
        if (frame == null || frame.image == null) {
            return Optional.empty();
        }
        if (frame.imageChannels == 3
                && frame.imageDepth == Frame.DEPTH_UBYTE
                && frame.image[0] instanceof ByteBuffer pixels) {
            return Optional.of(toBgr(pixels, frame.imageWidth, frame.imageHeight, frame.imageStride));
        }
        // The converter reuses its image between calls: hand out a copy.
        return Optional.of(Pictures.toBgr(converter.convert(frame)));
    }

    /**
     * BGR24 rows of {@code stride} bytes as a new {@code TYPE_3BYTE_BGR} image, one bulk copy per
     * row. JavaCV's {@link Java2DFrameConverter} copies byte by byte and the copy of its reused
     * image blits again: at 1920x1080 that was the largest cost of a screen share's frame, more
     * than the H.264 encoder (bench/share/screen-fps.sh).
     */
    static BufferedImage toBgr(ByteBuffer pixels, int width, int height, int stride) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int row = width * 3;
        for (int y = 0; y < height; y++) {
            pixels.get(y * stride, out, y * row, row);
        }
        return image;
    }

    @Override
    public void close() {
        try {
            grabber.stop();
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            // closing: the device is gone either way
        }
        converter.close();
    }
}
