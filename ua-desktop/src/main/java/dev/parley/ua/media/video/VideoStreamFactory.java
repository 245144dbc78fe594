package dev.parley.ua.media.video;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.session.MediaStream;
import dev.parley.ua.session.MediaStreamFactory;
import java.io.IOException;
import java.net.InetAddress;

/** Opens a {@link VideoStream} of one kind (camera video or slides) for each call. */
public final class VideoStreamFactory implements MediaStreamFactory {
    private final MediaKind kind;
    private final VideoSettings settings;

    public VideoStreamFactory(MediaKind kind, VideoSettings settings) {
        if (kind != MediaKind.VIDEO && kind != MediaKind.SLIDES) {
            throw new IllegalArgumentException("video or slides, not " + kind);
        }
        this.kind = kind;
        this.settings = settings;
    }

    @Override
    public MediaKind kind() {
        return kind;
    }

    @Override
    public MediaStream open(InetAddress local) throws IOException {
        return VideoStream.open(kind, local, settings);
    }
}
