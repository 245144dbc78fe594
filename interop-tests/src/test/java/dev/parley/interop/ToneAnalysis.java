package dev.parley.interop;

import dev.parley.media.tone.Goertzel;
import java.util.OptionalInt;

/**
 * Which tones a recording holds, by media-core's Goertzel: the power at one frequency over a
 * window, as a share of the window's whole energy. A lone sine centred on the window's bin has
 * share 1, each of two equal sines 0.5, a frequency nobody sends about 0 (G.711 noise is some
 * 38 dB down). Windows are whole multiples of 10 ms, so 440, 660 and 880 Hz sit on a bin.
 */
final class ToneAnalysis {
    private ToneAnalysis() {}

    /** The share of {@code hz} in {@code pcm[from, from + n)}, 0 to 1; 0 for a silent window. */
    static double share(short[] pcm, int from, int n, int sampleRate, double hz) {
        return new Goertzel(hz, sampleRate).share(pcm, from, n);
    }

    /** The mean {@link #share} of {@code hz} over the whole {@code window}-long windows of {@code pcm[from, from + n)}. */
    static double meanShare(short[] pcm, int from, int n, int sampleRate, double hz, int window) {
        int windows = n / window;
        double sum = 0;
        for (int w = 0; w < windows; w++) {
            sum += share(pcm, from + w * window, window, sampleRate, hz);
        }
        return windows == 0 ? 0 : sum / windows;
    }

    /** The root mean square of {@code pcm[from, from + n)}. */
    static double rms(short[] pcm, int from, int n) {
        double energy = 0;
        for (int i = from; i < from + n; i++) {
            energy += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(energy / n);
    }

    /**
     * The first sample of the first {@code window}-long window, stepping by whole windows,
     * where {@code hz} has at least {@code minShare} of an energy of at least {@code minRms}.
     */
    static OptionalInt onset(short[] pcm, int sampleRate, double hz, int window, double minShare, double minRms) {
        for (int from = 0; from + window <= pcm.length; from += window) {
            if (rms(pcm, from, window) >= minRms && share(pcm, from, window, sampleRate, hz) >= minShare) {
                return OptionalInt.of(from);
            }
        }
        return OptionalInt.empty();
    }
}
