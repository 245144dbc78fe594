package dev.parley.ua.media.video;

import java.util.Objects;

/**
 * How the agent sends one kind of video: the source, the largest coded size (a tile), the frame
 * rate, the bitrate cap, the label the test pattern shows, the RTCP CNAME, and the sink that
 * gets decoded and local pictures.
 */
public record VideoSettings(
        VideoSourceSpec source,
        FrameSize maxSize,
        int framesPerSecond,
        int maxBitrate,
        String label,
        String cname,
        VideoSink sink) {
    public VideoSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(maxSize, "maxSize");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(sink, "sink");
        if (framesPerSecond < 1 || framesPerSecond > 30) {
            throw new IllegalArgumentException("frames per second must be 1 to 30: " + framesPerSecond);
        }
        if (maxBitrate < 10_000) {
            throw new IllegalArgumentException("bitrate cap below 10 kbit/s: " + maxBitrate);
        }
    }

    /** Camera defaults: 640x360 tiles at 15 fps under 800 kbit/s. */
    public static VideoSettings camera(VideoSourceSpec source, String label, String cname, VideoSink sink) {
        return new VideoSettings(source, new FrameSize(640, 360), 15, 800_000, label, cname, sink);
    }

    /**
     * Screen share defaults (DESIGN.md: 1080p at 15 fps or less): captured at 15 fps under
     * 4 Mbit/s. The encoder skips some frames of changing text to hold its rate, so a 10 fps
     * capture arrived at 8.4-9.4 fps (bench/share/screen-fps.sh); 15 leaves room for at least 10.
     */
    public static VideoSettings screen(VideoSourceSpec source, String label, String cname, VideoSink sink) {
        return new VideoSettings(source, VideoSourceSpec.SCREEN_MAX, 15, 4_000_000, label, cname, sink);
    }
}
