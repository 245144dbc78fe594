package dev.parley.mixer.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimatorTest {
    private static short[] tone(double hz, int rate, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return pcm;
    }

    private static short[] decimate(short[] wide) {
        Decimator decimator = new Decimator(6, 8);
        short[] out = new short[wide.length / 6];
        short[] frameIn = new short[960];
        short[] frameOut = new short[160];
        for (int f = 0; f < wide.length / 960; f++) {
            System.arraycopy(wide, f * 960, frameIn, 0, 960);
            assertThat(decimator.process(frameIn, 960, frameOut)).isEqualTo(160);
            System.arraycopy(frameOut, 0, out, f * 160, 160);
        }
        return out;
    }

    @Test
    void speechBandTonesPassAtFullLevelAcrossFrames() {
        short[] narrow = decimate(tone(1000, 48000, 48000));
        // Skip the filter's start-up; the rest is a clean 1 kHz tone at the same level.
        assertThat(Goertzel.share(narrow, 800, 6400, 1000, 8000)).isGreaterThan(0.99);
        int peak = 0;
        for (int i = 800; i < narrow.length; i++) {
            peak = Math.max(peak, Math.abs(narrow[i]));
        }
        assertThat(peak).isBetween(9500, 10500);
    }

    @Test
    void tonesAboveTheNewNyquistAreStoppedInsteadOfAliased() {
        // 7 kHz would fold onto 1 kHz at 8 kHz without the low-pass.
        short[] narrow = decimate(tone(7000, 48000, 48000));
        int peak = 0;
        for (int i = 800; i < narrow.length; i++) {
            peak = Math.max(peak, Math.abs(narrow[i]));
        }
        assertThat(peak).isLessThan(100);
    }
}
