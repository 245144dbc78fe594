package dev.parley.media.mix;

/**
 * Keeps a mixed sample inside 16 bits without the hard corners of saturation: identity up to
 * {@link #KNEE} in magnitude, then a rational curve that rises with slope 1 at the knee and
 * approaches 32767 without reaching it. Stateless.
 */
public final class SoftClipper {
    /** Magnitude below which samples pass unchanged (about -2 dBFS). */
    public static final int KNEE = 26_000;

    private static final int HEADROOM = Short.MAX_VALUE - KNEE;

    private SoftClipper() {}

    /** The clipped value of one mixed sample of any magnitude. */
    public static short clip(int sample) {
        int magnitude = Math.abs(sample);
        if (magnitude <= KNEE) {
            return (short) sample;
        }
        long over = magnitude - (long) KNEE;
        int soft = KNEE + (int) (over * HEADROOM / (over + HEADROOM));
        return (short) (sample < 0 ? -soft : soft);
    }
}
