package dev.parley.media.level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AudioLevelTest {
    @Test
    void fullScaleSquareWaveIsZeroDbov() {
        short[] square = new short[160];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) (i % 2 == 0 ? 32767 : -32768);
        }
        assertThat(AudioLevel.of(square, 0, square.length)).isZero();
    }

    @Test
    void fullScaleSineIsThreeDbBelow() {
        short[] sine = new short[800];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (short) Math.round(32767 * Math.sin(2 * Math.PI * 400 * i / 8000.0));
        }
        assertThat(AudioLevel.of(sine, 0, sine.length)).isEqualTo(3);
    }

    @Test
    void quieterSignalsHaveHigherNumbers() {
        short[] constant = new short[160];
        Arrays.fill(constant, (short) 328); // 1 % of full scale: -40 dBov
        assertThat(AudioLevel.of(constant, 0, constant.length)).isEqualTo(40);
        Arrays.fill(constant, (short) 1); // -90.3 dBov
        assertThat(AudioLevel.of(constant, 0, constant.length)).isEqualTo(90);
        assertThat(AudioLevel.of(new short[160], 0, 160)).isEqualTo(AudioLevel.SILENCE);
        assertThat(AudioLevel.of(constant, 0, 0)).isEqualTo(AudioLevel.SILENCE);
    }

    @Test
    void readsAndWritesTheExtensionByte() {
        byte data = (byte) 0xa8; // V=1, level 40
        assertThat(AudioLevel.voiceActivity(data)).isTrue();
        assertThat(AudioLevel.level(data)).isEqualTo(40);
        assertThat(AudioLevel.encode(40, true)).isEqualTo(data);
        assertThat(AudioLevel.encode(127, false)).isEqualTo((byte) 0x7f);
        assertThatThrownBy(() -> AudioLevel.encode(128, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
