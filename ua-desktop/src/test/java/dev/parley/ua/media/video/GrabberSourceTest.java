package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;

/** The grabber's own BGR24 copy gives the same picture as JavaCV's converter, padding and all. */
class GrabberSourceTest {
    @Test
    void copiesBgrRowsLikeJavaCvsConverter() {
        int width = 7;
        int height = 5;
        int stride = 32; // rows padded beyond 7 * 3 bytes, as FFmpeg aligns them
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3, stride);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int i = 0; i < stride * height; i++) {
            pixels.put(i, (byte) (i * 37 + 11));
        }

        BufferedImage ours = GrabberSource.toBgr(pixels, width, height, stride);
        BufferedImage javacv;
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            javacv = Pictures.toBgr(converter.convert(frame));
        }

        assertThat(ours.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(ours.getWidth()).isEqualTo(width);
        assertThat(ours.getHeight()).isEqualTo(height);
        assertThat(bytes(ours)).isEqualTo(bytes(javacv));
        assertThat(ours.getRGB(6, 4)).isEqualTo(javacv.getRGB(6, 4));
    }

    private static byte[] bytes(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }
}
