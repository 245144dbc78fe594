package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** x11grab through JavaCV on a private Xvfb screen gives pictures of that screen's size. */
class ScreenCaptureTest {
    @Test
    void capturesTheWholeScreenAtItsSize() throws Exception {
        try (XvfbDisplay x = XvfbDisplay.start(1920, 1080);
                GrabberSource screen = GrabberSource.screen(x.display(), 0, 0, Optional.empty(), 10)) {
            assertThat(screen.size()).isEqualTo(new FrameSize(1920, 1080));
            BufferedImage picture = screen.grab().orElseThrow();

            assertThat(picture.getWidth()).isEqualTo(1920);
            assertThat(picture.getHeight()).isEqualTo(1080);
            // Slides are sent at most 1080p: this screen needs no scaling.
            assertThat(VideoSourceSpec.SCREEN_MAX.fit(picture.getWidth(), picture.getHeight()))
                    .isEqualTo(new FrameSize(1920, 1080));
        }
    }

    @Test
    void capturesARegionOfIt() throws Exception {
        try (XvfbDisplay x = XvfbDisplay.start(1280, 720);
                GrabberSource screen =
                        GrabberSource.screen(x.display(), 640, 0, Optional.of(new FrameSize(640, 480)), 10)) {
            assertThat(screen.grab().orElseThrow().getWidth()).isEqualTo(640);
        }
    }

    @Test
    void aMissingDisplayIsAPlainError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> GrabberSource.screen(":987", 0, 0, Optional.empty(), 10))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("cannot open screen :987");
    }
}
