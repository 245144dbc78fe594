package dev.parley.ua.media.video;

import dev.parley.sdp.negotiation.MediaKind;
import java.awt.image.BufferedImage;

/**
 * Where decoded and captured pictures go: the window's tiles, the PNG recorder. Called on the
 * stream's receive or capture thread; an implementation hands the picture to its own thread
 * (Swing: the event dispatch thread) and returns at once.
 */
public interface VideoSink {
    /** A picture decoded from the received stream {@code ssrc} on a {@code kind} m-line. */
    void received(MediaKind kind, long ssrc, BufferedImage picture);

    /** A picture this agent is sending (the local preview). */
    default void sent(MediaKind kind, BufferedImage picture) {}

    /** The stream {@code ssrc} ended or its sender left. */
    default void ended(MediaKind kind, long ssrc) {}

    /** A sink that drops everything. */
    static VideoSink none() {
        return (kind, ssrc, picture) -> {};
    }
}
