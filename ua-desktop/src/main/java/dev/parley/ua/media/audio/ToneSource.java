package dev.parley.ua.media.audio;

/** A continuous sine ({@code tone:HZ}): the synthetic microphone of tests and headless runs. */
public final class ToneSource implements AudioSource {
    private final double step;
    private final int amplitude;
    private double phase;

    public ToneSource(double hz, int amplitude) {
        if (hz <= 0 || hz >= RATE / 2.0) {
            throw new IllegalArgumentException("a tone must be between 0 and " + RATE / 2 + " Hz, got " + hz);
        }
        this.step = 2 * Math.PI * hz / RATE;
        this.amplitude = amplitude;
    }

    @Override
    public void read(short[] frame) {
        for (int i = 0; i < FRAME; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(phase));
            phase += step;
        }
        phase %= 2 * Math.PI;
    }

    @Override
    public void close() {}
}
