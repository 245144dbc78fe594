package dev.parley.mixer.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NMinusOneMixTest {
    private final NMinusOneMix mix = new NMinusOneMix();
    private final short[] out = new short[AudioCodec.FRAME_SAMPLES];

    @Test
    void eachListenerGetsTheSumOfTheOthers() {
        short[] a = constant(100);
        short[] b = constant(-30);
        short[] c = constant(7);
        mix.reset();
        mix.add(a);
        mix.add(b);
        mix.add(c);

        mix.mixFor(a, out);
        assertThat(out).containsOnly((short) -23);
        mix.mixFor(b, out);
        assertThat(out).containsOnly((short) 107);
        mix.mixFor(null, out);
        assertThat(out).containsOnly((short) 77);
        assertThat(mix.contributors()).isEqualTo(3);
    }

    @Test
    void loudSumsAreScaledIntoRangeKeepingTheirShape() {
        short[] loud = Goertzel.tone(440, 30000, 0);
        short[] alsoLoud = Goertzel.tone(440, 30000, 0);
        mix.reset();
        mix.add(loud);
        mix.add(alsoLoud);

        mix.mixFor(null, out);

        int peak = 0;
        for (short s : out) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween(32000, 32767);
        // Scaled, not clipped: the output is still a clean 440 Hz sine.
        assertThat(Goertzel.share(out, 0, out.length, 440, 8000)).isGreaterThan(0.95);
        for (int i = 0; i < out.length; i++) {
            assertThat(Math.abs(out[i] - loud[i] * 32767.0 / 60000 * 2)).isLessThan(200.0);
        }
    }

    @Test
    void resetStartsFromSilence() {
        mix.reset();
        mix.add(constant(1000));
        mix.reset();
        mix.mixFor(null, out);
        assertThat(out).containsOnly((short) 0);
        assertThat(mix.contributors()).isZero();
    }

    private static short[] constant(int v) {
        short[] f = new short[AudioCodec.FRAME_SAMPLES];
        java.util.Arrays.fill(f, (short) v);
        return f;
    }
}
