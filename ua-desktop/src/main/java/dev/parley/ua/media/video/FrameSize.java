package dev.parley.ua.media.video;

/** A picture size in pixels, both even (4:2:0 chroma needs it). */
public record FrameSize(int width, int height) {
    public FrameSize {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("frame size must be even and at least 2x2: " + width + "x" + height);
        }
    }

    /**
     * The largest even size with the aspect ratio of {@code sourceWidth x sourceHeight} that fits
     * in this one without growing the source: what a tile of this size shows of that source.
     */
    public FrameSize fit(int sourceWidth, int sourceHeight) {
        if (sourceWidth < 1 || sourceHeight < 1) {
            throw new IllegalArgumentException("source size must be positive: " + sourceWidth + "x" + sourceHeight);
        }
        double scale = Math.min(1.0, Math.min((double) width / sourceWidth, (double) height / sourceHeight));
        int w = Math.max(2, (int) (sourceWidth * scale) & ~1);
        int h = Math.max(2, (int) (sourceHeight * scale) & ~1);
        return new FrameSize(w, h);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
