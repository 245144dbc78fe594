package dev.parley.ua.media.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the agent's outgoing pictures come from: a test pattern, a camera, the screen, or
 * nothing. One capture thread calls {@link #grab}.
 */
public interface VideoSource extends AutoCloseable {
    /** The size of the pictures this source delivers. */
    FrameSize size();

    /**
     * The next picture, waiting for it if the device paces itself; empty when there is none
     * (the {@code none} source, or a device that ended). {@link IOException} when the device
     * failed.
     */
    Optional<BufferedImage> grab() throws IOException;

    @Override
    void close();
}
