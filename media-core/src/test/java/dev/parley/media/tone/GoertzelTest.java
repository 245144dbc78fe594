package dev.parley.media.tone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GoertzelTest {
    @Test
    void measuresTheAmplitudeOfItsFrequencyAndIgnoresOthers() {
        short[] pcm = new short[8000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(
                    7000 * Math.sin(2 * Math.PI * 440 * i / 8000) + 3000 * Math.sin(2 * Math.PI * 880 * i / 8000));
        }
        assertThat(new Goertzel(440, 8000).amplitude(pcm, 0, pcm.length)).isCloseTo(7000, within(20.0));
        assertThat(new Goertzel(880, 8000).amplitude(pcm, 0, pcm.length)).isCloseTo(3000, within(20.0));
        assertThat(new Goertzel(660, 8000).amplitude(pcm, 0, pcm.length)).isLessThan(20);
    }

    @Test
    void shareIsTheFrequencysPartOfTheBlocksEnergy() {
        short[] lone = new short[1600];
        short[] pair = new short[1600];
        for (int i = 0; i < lone.length; i++) {
            lone[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 660 * i / 8000));
            pair[i] = (short) Math.round(
                    5000 * Math.sin(2 * Math.PI * 440 * i / 8000) + 5000 * Math.sin(2 * Math.PI * 880 * i / 8000));
        }
        assertThat(new Goertzel(660, 8000).share(lone, 0, lone.length)).isGreaterThan(0.99);
        assertThat(new Goertzel(440, 8000).share(lone, 0, lone.length)).isLessThan(0.01);
        assertThat(new Goertzel(440, 8000).share(pair, 0, pair.length)).isCloseTo(0.5, within(0.01));
        assertThat(new Goertzel(880, 8000).share(pair, 0, pair.length)).isCloseTo(0.5, within(0.01));
        assertThat(new Goertzel(440, 8000).share(new short[160], 0, 160)).isZero();
    }

    @Test
    void rejectsFrequenciesOutsideNyquist() {
        assertThatThrownBy(() -> new Goertzel(4000, 8000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Goertzel(0, 8000)).isInstanceOf(IllegalArgumentException.class);
    }
}
