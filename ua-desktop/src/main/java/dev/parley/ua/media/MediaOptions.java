package dev.parley.ua.media;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The media flags that {@code parley console} and {@code parley ua} share (a picocli mixin), so
 * that everything runs headless in tests: a tone or a file instead of the microphone, the test
 * pattern instead of the camera, received audio and video recorded to files.
 */
public final class MediaOptions {
    @Option(
            names = "--audio-source",
            paramLabel = "SPEC",
            description = "tone:HZ, wav:FILE or mic (default: ${DEFAULT-VALUE})")
    public String audioSource = "mic";

    @Option(
            names = "--audio-sink",
            paramLabel = "SPEC",
            description = "wav:FILE, speaker or null (default: ${DEFAULT-VALUE})")
    public String audioSink = "speaker";

    @Option(
            names = "--video-source",
            paramLabel = "SPEC",
            description = "testsrc, camera[:DEVICE], screen[:MONITOR] or none (default: ${DEFAULT-VALUE})")
    public String videoSource;

    @Option(
            names = "--record-video",
            paramLabel = "DIR",
            description = "write a few decoded pictures of every received stream as PNG into DIR")
    public @Nullable Path recordVideo;

    @Option(
            names = "--screen-source",
            paramLabel = "SPEC",
            description = "what share screen sends: screen, screen:MONITOR or testsrc (default: ${DEFAULT-VALUE})")
    public String screenSource = "screen";

    /** The flags with {@code videoSource} as the default video: none on the console, the camera in the window. */
    public MediaOptions(String videoSource) {
        this.videoSource = videoSource;
    }
}
