package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bitrate cap holds on the worst picture there is: fresh noise every frame. Four seconds at
 * 15 fps and 300 kbit/s must come out under 1.5 times the cap (rate control settles over
 * the first second or two); without a cap the same noise takes several Mbit/s.
 */
class BitrateCapTest {
    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void noiseStaysNearTheCap(VideoCodec codec) throws Exception {
        int fps = 15;
        int cap = 300_000;
        Random random = new Random(1);
        long bytes = 0;
        int frames = 4 * fps;
        try (VideoEncoder encoder =
                VideoEncoder.open(new VideoEncoder.Config(codec, new FrameSize(320, 240), fps, cap, 10))) {
            for (int i = 0; i < frames; i++) {
                BufferedImage noise = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
                random.nextBytes(((DataBufferByte) noise.getRaster().getDataBuffer()).getData());
                for (EncodedFrame f : encoder.encode(noise)) {
                    bytes += f.data().length;
                }
            }
        }
        double bitsPerSecond = bytes * 8.0 / (frames / (double) fps);
        System.out.printf("%s: %.0f bit/s on noise under a %d bit/s cap%n", codec, bitsPerSecond, cap);

        assertThat(bitsPerSecond).as("%s at a %d bit/s cap", codec, cap).isLessThan(1.5 * cap);
    }
}
