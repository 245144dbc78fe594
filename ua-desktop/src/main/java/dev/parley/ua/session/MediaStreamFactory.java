package dev.parley.ua.session;

import dev.parley.sdp.negotiation.MediaKind;
import java.io.IOException;
import java.net.InetAddress;

/**
 * Makes the {@link MediaStream} of one kind for each call the session places: audio
 * ({@code dev.parley.ua.media.audio}), video and slides ({@code dev.parley.ua.media.video}). The
 * session offers one media section per factory, in the DESKTOP profile's order.
 */
public interface MediaStreamFactory {
    MediaKind kind();

    /** Opens the stream's local transport on {@code local}; called on the session thread. */
    MediaStream open(InetAddress local) throws IOException;
}
