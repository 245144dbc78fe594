package dev.parley.mixer.audio;

/** Test helper: the power of one frequency in a block of PCM (Goertzel's algorithm), relative to the block's energy. */
public final class Goertzel {
    private Goertzel() {}

    /** Share of the block's energy at {@code hz}: near 1 for a pure tone there, near 0 when absent. */
    public static double share(short[] pcm, int off, int len, double hz, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = 0; i < len; i++) {
            double x = pcm[off + i];
            energy += x * x;
            double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return energy == 0 ? 0 : 2 * power / (len * energy);
    }

    /** One 20 ms frame of a sine tone at 8 kHz, continuing from sample {@code start}. */
    public static short[] tone(double hz, int amplitude, long start) {
        short[] pcm = new short[AudioCodec.FRAME_SAMPLES];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (start + i) / 8000));
        }
        return pcm;
    }
}
