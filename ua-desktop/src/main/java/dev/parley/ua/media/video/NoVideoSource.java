package dev.parley.ua.media.video;

import java.awt.image.BufferedImage;
import java.util.Optional;

/** The {@code none} video source: the agent receives video but sends none. */
public final class NoVideoSource implements VideoSource {
    @Override
    public FrameSize size() {
        return new FrameSize(2, 2);
    }

    @Override
    public Optional<BufferedImage> grab() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
