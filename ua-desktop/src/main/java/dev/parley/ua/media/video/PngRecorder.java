package dev.parley.ua.media.video;

import dev.parley.sdp.negotiation.MediaKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The {@code --record-video DIR} sink: a few decoded pictures of every received stream as PNG
 * files {@code KIND-SSRC-N.png} (e.g. {@code video-3735928559-2.png}, {@code slides-…}), the
 * first one and then one every {@code every} pictures, {@code perStream} at most.
 */
public final class PngRecorder implements VideoSink {
    private final Path directory;
    private final int perStream;
    private final int every;
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();

    public PngRecorder(Path directory, int perStream, int every) throws IOException {
        if (perStream < 1 || every < 1) {
            throw new IllegalArgumentException("perStream and every must be positive");
        }
        this.directory = Files.createDirectories(directory);
        this.perStream = perStream;
        this.every = every;
    }

    @Override
    public void received(MediaKind kind, long ssrc, BufferedImage picture) {
        String stream = kind.name().toLowerCase(Locale.ROOT) + "-" + ssrc;
        int n = seen.merge(stream, 1, Integer::sum) - 1;
        if (n % every != 0 || n / every >= perStream) {
            return;
        }
        Path file = directory.resolve(stream + "-" + (n / every + 1) + ".png");
        try {
            ImageIO.write(picture, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
