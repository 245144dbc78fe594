package dev.parley.mixer;

import dev.parley.media.tone.Goertzel;

/** Test helper: sine frames to send, and media-core's Goertzel to check what was heard. */
public final class Tones {
    private Tones() {}

    /** One 20 ms frame of a sine at {@code rate} Hz, continuing from sample {@code start}. */
    public static short[] frame(double hz, int amplitude, long start, int rate) {
        short[] pcm = new short[rate / 50];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (start + i) / rate));
        }
        return pcm;
    }

    /** One 20 ms frame at 8 kHz. */
    public static short[] frame(double hz, int amplitude, long start) {
        return frame(hz, amplitude, start, 8000);
    }

    /** The share of {@code hz} in the energy of {@code pcm} sampled at {@code rate}. */
    public static double share(short[] pcm, double hz, int rate) {
        return new Goertzel(hz, rate).share(pcm, 0, pcm.length);
    }
}
