package dev.parley.media.g722;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class G722Test {
    private static final int RATE = 16_000;

    private static short[] tone(double hz, int amplitude, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return pcm;
    }

    private static short[] roundTrip(short[] pcm) {
        byte[] coded = new byte[pcm.length / 2];
        assertThat(new G722Encoder().encode(pcm, 0, pcm.length, coded, 0)).isEqualTo(pcm.length / 2);
        short[] decoded = new short[pcm.length];
        assertThat(new G722Decoder().decode(coded, 0, coded.length, decoded, 0)).isEqualTo(pcm.length);
        return decoded;
    }

    /** Signal-to-noise ratio in dB of {@code out} against {@code in} delayed by {@code lag}. */
    private static double snr(short[] in, short[] out, int lag) {
        double signal = 0;
        double noise = 0;
        for (int i = 2000; i < in.length - lag; i++) { // skip the adaptation at the start
            double e = out[i + lag] - in[i];
            signal += (double) in[i] * in[i];
            noise += e * e;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    private static int bestLag(short[] in, short[] out) {
        int best = 0;
        for (int lag = 1; lag < 64; lag++) {
            if (snr(in, out, lag) > snr(in, out, best)) {
                best = lag;
            }
        }
        return best;
    }

    @Test
    void lowerBandToneSurvives() {
        short[] in = tone(1000, 10_000, RATE);
        short[] out = roundTrip(in);
        assertThat(snr(in, out, bestLag(in, out))).as("SNR at 1 kHz").isGreaterThan(40);
    }

    @Test
    void higherBandToneSurvives() {
        short[] in = tone(6000, 8_000, RATE);
        short[] out = roundTrip(in);
        assertThat(snr(in, out, bestLag(in, out)))
                .as("SNR at 6 kHz, 2-bit higher band")
                .isGreaterThan(20);
    }

    @Test
    void aperiodicMixComesBackAfterTheQmfDelay() {
        short[] a = tone(440, 12_000, RATE);
        short[] b = tone(2500, 6_000, RATE);
        short[] in = new short[RATE];
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) (a[i] + b[i]);
        }
        short[] out = roundTrip(in);
        int lag = bestLag(in, out);
        assertThat(lag).as("QMF analysis + synthesis delay").isBetween(20, 24);
        assertThat(snr(in, out, lag)).isGreaterThan(30);
    }

    @Test
    void fullScaleLowToneDoesNotClip() {
        short[] in = tone(300, 30_000, RATE);
        short[] out = roundTrip(in);
        assertThat(snr(in, out, 22)).isGreaterThan(55);
    }

    @Test
    void silenceStaysSilent() {
        short[] out = roundTrip(new short[3200]);
        for (short s : Arrays.copyOfRange(out, 100, out.length)) {
            assertThat(Math.abs(s)).isLessThan(16);
        }
    }

    @Test
    void chunkedCodingEqualsOneCall() {
        short[] in = tone(1234, 9_000, 1600);
        byte[] whole = new byte[800];
        new G722Encoder().encode(in, 0, in.length, whole, 0);
        byte[] chunked = new byte[800];
        G722Encoder encoder = new G722Encoder();
        for (int off = 0; off < in.length; off += 320) { // 20 ms frames
            encoder.encode(in, off, 320, chunked, off / 2);
        }
        assertThat(chunked).isEqualTo(whole);

        short[] once = new short[1600];
        new G722Decoder().decode(whole, 0, 800, once, 0);
        short[] parts = new short[1600];
        G722Decoder decoder = new G722Decoder();
        for (int off = 0; off < 800; off += 160) {
            decoder.decode(whole, off, 160, parts, 2 * off);
        }
        assertThat(parts).isEqualTo(once);
    }
}
