package dev.parley.media.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    /** One second of a tone at {@code rate}, converted in 20 ms frames. */
    private static short[] convert(double hz, int amplitude, int inRate, int outRate) {
        Resampler resampler = new Resampler(inRate, outRate, inRate / 50);
        short[] in = new short[inRate / 50];
        short[] out = new short[outRate];
        int written = 0;
        for (int frame = 0; frame < 50; frame++) {
            for (int i = 0; i < in.length; i++) {
                int n = frame * in.length + i;
                in[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / inRate));
            }
            short[] chunk = new short[resampler.maxOutput(in.length)];
            int got = resampler.process(in, 0, in.length, chunk, 0);
            System.arraycopy(chunk, 0, out, written, got);
            written += got;
        }
        assertThat(written).isEqualTo(outRate);
        return out;
    }

    /** Amplitude of the {@code hz} component of the second half of {@code pcm} (Goertzel). */
    private static double amplitude(short[] pcm, int rate, double hz) {
        int start = pcm.length / 2;
        int n = pcm.length - start;
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
            double phase = 2 * Math.PI * hz * (start + i) / rate;
            re += pcm[start + i] * Math.cos(phase);
            im += pcm[start + i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / n;
    }

    @Test
    void upsamplesNarrowbandToFullbandKeepingTheTone() {
        short[] out = convert(1000, 10_000, 8000, 48_000);
        assertThat(amplitude(out, 48_000, 1000)).isCloseTo(10_000, within(300.0));
        assertThat(amplitude(out, 48_000, 7000))
                .as("image of 1 kHz at 8 - 1 kHz")
                .isLessThan(100);
    }

    @Test
    void downsamplesFullbandToNarrowbandRemovingWhatWouldAlias() {
        short[] out = convert(1000, 10_000, 48_000, 8000);
        assertThat(amplitude(out, 8000, 1000)).isCloseTo(10_000, within(300.0));
        short[] above = convert(6000, 10_000, 48_000, 8000); // would fold to 2 kHz
        assertThat(amplitude(above, 8000, 2000)).isLessThan(100);
    }

    @Test
    void convertsBetweenWidebandAndTheOthers() {
        assertThat(amplitude(convert(3000, 8000, 16_000, 48_000), 48_000, 3000)).isCloseTo(8000, within(250.0));
        assertThat(amplitude(convert(3000, 8000, 48_000, 16_000), 16_000, 3000)).isCloseTo(8000, within(250.0));
        assertThat(amplitude(convert(500, 8000, 16_000, 8000), 8000, 500)).isCloseTo(8000, within(250.0));
        assertThat(amplitude(convert(500, 8000, 8000, 16_000), 16_000, 500)).isCloseTo(8000, within(250.0));
        assertThat(amplitude(convert(5000, 8000, 16_000, 8000), 8000, 3000))
                .as("5 kHz folding to 3 kHz")
                .isLessThan(100);
    }

    @Test
    void sameRateIsNearlyTransparent() {
        assertThat(amplitude(convert(2000, 12_000, 16_000, 16_000), 16_000, 2000))
                .isCloseTo(12_000, within(200.0));
    }

    @Test
    void rejectsOversizedInputAndAwkwardRatios() {
        Resampler resampler = new Resampler(8000, 16_000, 160);
        assertThatThrownBy(() -> resampler.process(new short[161], 0, 161, new short[400], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(44_101, 48_000, 960)).isInstanceOf(IllegalArgumentException.class);
    }
}
