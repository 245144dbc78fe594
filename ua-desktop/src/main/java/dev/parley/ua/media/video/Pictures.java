package dev.parley.ua.media.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import org.bytedeco.javacpp.BytePointer;

/**
 * Copies the pixels of a {@link BufferedImage} into native memory for swscale, without
 * converting the two layouts capture produces: {@code TYPE_3BYTE_BGR} (FFmpeg grabbers) as
 * BGR24 and {@code TYPE_INT_RGB} (java.awt.Robot) as BGR0 (little-endian ints); any other
 * image is drawn into a BGR one first.
 */
final class Pictures implements AutoCloseable {
    private BytePointer buffer = new BytePointer(0L);
    private int pixelFormat;
    private int stride;

    /** Loads {@code image}; afterwards {@link #buffer}, {@link #pixelFormat} and {@link #stride} describe it. */
    void load(BufferedImage image) {
        BufferedImage img = image;
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR && img.getType() != BufferedImage.TYPE_INT_RGB) {
            img = toBgr(image);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            ensure((long) w * h * 3);
            buffer.position(0).put(pixels, 0, w * h * 3);
            pixelFormat = AV_PIX_FMT_BGR24;
            stride = w * 3;
        } else {
            int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            ensure((long) w * h * 4);
            new org.bytedeco.javacpp.IntPointer(buffer).position(0).put(pixels, 0, w * h);
            pixelFormat = AV_PIX_FMT_BGR0;
            stride = w * 4;
        }
    }

    private void ensure(long size) {
        if (buffer.capacity() < size) {
            buffer.close();
            buffer = new BytePointer(size);
        }
    }

    BytePointer buffer() {
        return buffer;
    }

    int pixelFormat() {
        return pixelFormat;
    }

    int stride() {
        return stride;
    }

    /** A copy of {@code image} as {@code TYPE_3BYTE_BGR}. */
    static BufferedImage toBgr(BufferedImage image) {
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
