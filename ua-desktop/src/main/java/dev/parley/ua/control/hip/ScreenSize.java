package dev.parley.ua.control.hip;

/** The controlled screen in pixels; valid points are 0 ≤ x < width, 0 ≤ y < height (§4.1). */
public record ScreenSize(int width, int height) {
    public ScreenSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a screen needs a positive size, got " + width + "x" + height);
        }
    }

    /** True when the unsigned 32-bit point lies on the screen. */
    public boolean contains(long x, long y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }
}
