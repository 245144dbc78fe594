package dev.parley.mixer.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoertzelTest {
    @Test
    void findsTheToneThatIsThereAndNotTheOthers() {
        short[] block = new short[1600];
        for (int f = 0; f < 10; f++) {
            System.arraycopy(Goertzel.tone(660, 8000, f * 160L), 0, block, f * 160, 160);
        }
        assertThat(Goertzel.share(block, 0, block.length, 660, 8000)).isGreaterThan(0.9);
        assertThat(Goertzel.share(block, 0, block.length, 440, 8000)).isLessThan(0.01);
        assertThat(Goertzel.share(block, 0, block.length, 880, 8000)).isLessThan(0.01);
    }
}
