package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.negotiation.MediaKind;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngRecorderTest {
    @Test
    void keepsTheFirstPictureAndThenEveryNthOfEachStream(@TempDir Path dir) throws Exception {
        PngRecorder recorder = new PngRecorder(dir, 3, 5);
        TestPatternSource pattern = new TestPatternSource(new FrameSize(64, 36), 15, "x");
        for (int i = 0; i < 30; i++) {
            recorder.received(MediaKind.VIDEO, 7, pattern.grab().orElseThrow());
        }
        recorder.received(MediaKind.SLIDES, 9, pattern.grab().orElseThrow());

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("video-7-1.png", "video-7-2.png", "video-7-3.png", "slides-9-1.png");
        }
        BufferedImage back = ImageIO.read(dir.resolve("video-7-2.png").toFile());
        assertThat(back.getWidth()).isEqualTo(64);
        assertThat(back.getHeight()).isEqualTo(36);
    }
}
