package dev.parley.media.tone;

/**
 * The Goertzel algorithm: the amplitude of one frequency in a block of 16-bit samples, the way
 * in-band DTMF receivers and Parley's end-to-end tests check which tones a participant hears
 * ({@link #share}).
 * Immutable; no allocation per block.
 */
public final class Goertzel {
    private final double coefficient;
    private final double cosine;
    private final double sine;

    /** Measures {@code frequencyHz} in audio sampled at {@code sampleRate} Hz. */
    public Goertzel(double frequencyHz, int sampleRate) {
        if (sampleRate <= 0 || frequencyHz <= 0 || frequencyHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException(
                    "frequency must lie in (0, " + sampleRate / 2 + ") Hz, got " + frequencyHz);
        }
        double omega = 2 * Math.PI * frequencyHz / sampleRate;
        this.cosine = Math.cos(omega);
        this.sine = Math.sin(omega);
        this.coefficient = 2 * cosine;
    }

    /**
     * Peak amplitude, in sample units, of the frequency's component in {@code count} samples: a
     * sine of amplitude A at exactly that frequency over whole periods gives A.
     */
    public double amplitude(short[] pcm, int off, int count) {
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < count; i++) {
            double s0 = pcm[off + i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double real = s1 - s2 * cosine;
        double imaginary = s2 * sine;
        return 2 * Math.hypot(real, imaginary) / count;
    }

    /**
     * The frequency's share of the energy of {@code count} samples, 0 to 1: a lone sine at
     * exactly that frequency over whole periods gives 1, each of two equal sines 0.5, a frequency
     * nobody sends about 0; 0 for digital silence.
     */
    public double share(short[] pcm, int off, int count) {
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = 0; i < count; i++) {
            double x = pcm[off + i];
            energy += x * x;
            double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        if (energy == 0) {
            return 0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * power / (count * energy);
    }
}
