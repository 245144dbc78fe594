package dev.parley.mixer.audio;

/**
 * The level of a frame as RFC 6464 §3 carries it: the RMS power in -dBov, relative to the 16-bit
 * overload point, from 0 (loudest) to 127 (quietest, and digital silence).
 */
public final class AudioLevel {
    /** The level of silence, and of a stream that is not heard. */
    public static final int SILENT = 127;

    private AudioLevel() {}

    public static int of(short[] pcm, int len) {
        double sum = 0;
        for (int i = 0; i < len; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        if (sum == 0) {
            return SILENT;
        }
        double dbov = 20 * Math.log10(Math.sqrt(sum / len) / Short.MAX_VALUE);
        return (int) Math.max(0, Math.min(SILENT, Math.round(-dbov)));
    }
}
