package dev.parley.ua.media.audio;

import dev.parley.media.resample.Resampler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A WAV file played in a loop ({@code wav:FILE}): 16-bit mono PCM at 8, 16 or 48 kHz, brought
 * to 48 kHz once when opened.
 */
public final class WavSource implements AudioSource {
    private final short[] samples;
    private int at;

    public WavSource(Path file) throws IOException {
        WavFile.Pcm pcm = WavFile.read(file);
        if (pcm.samples().length == 0) {
            throw new IOException(file + " holds no samples");
        }
        if (pcm.rate() == RATE) {
            samples = pcm.samples();
        } else if (pcm.rate() == 8000 || pcm.rate() == 16000) {
            Resampler up = new Resampler(pcm.rate(), RATE, pcm.samples().length);
            short[] out = new short[up.maxOutput(pcm.samples().length)];
            int n = up.process(pcm.samples(), 0, pcm.samples().length, out, 0);
            samples = java.util.Arrays.copyOf(out, n);
        } else {
            throw new IOException(file + " is at " + pcm.rate() + " Hz; the agent reads 8, 16 or 48 kHz");
        }
    }

    @Override
    public void read(short[] frame) {
        for (int i = 0; i < FRAME; i++) {
            frame[i] = samples[at];
            at = at + 1 == samples.length ? 0 : at + 1;
        }
    }

    @Override
    public void close() {}
}
