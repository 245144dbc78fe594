package dev.parley.media.mix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.tone.Goertzel;
import org.junit.jupiter.api.Test;

class MixMinusOneTest {
    private static final int N = 160;

    private static short[] tone(double hz, int amplitude) {
        short[] pcm = new short[N];
        for (int i = 0; i < N; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return pcm;
    }

    @Test
    void everyoneHearsTheOthersButNotThemselves() {
        short[][] frames = {tone(400, 5000), tone(600, 5000), tone(1000, 5000)};
        short[][] mixes = new short[3][N];
        new MixMinusOne(N).mix(frames, new boolean[] {true, true, true}, 3, N, mixes);
        double[] hz = {400, 600, 1000};
        for (int listener = 0; listener < 3; listener++) {
            for (int speaker = 0; speaker < 3; speaker++) {
                double heard = new Goertzel(hz[speaker], 8000).amplitude(mixes[listener], 0, N);
                if (listener == speaker) {
                    assertThat(heard).as("%d hears itself", listener).isLessThan(50);
                } else {
                    assertThat(heard).as("%d hears %d", listener, speaker).isBetween(4900.0, 5100.0);
                }
            }
        }
    }

    @Test
    void mutedParticipantIsNotMixedButStillHearsTheRest() {
        short[][] frames = {tone(400, 5000), tone(600, 5000)};
        short[][] mixes = new short[2][N];
        new MixMinusOne(N).mix(frames, new boolean[] {true, false}, 2, N, mixes);
        assertThat(mixes[0]).containsOnly((short) 0);
        assertThat(mixes[1]).isEqualTo(frames[0]);
    }

    @Test
    void loudRoomStaysInsideSixteenBits() {
        short[][] frames = new short[10][];
        for (int p = 0; p < 10; p++) {
            frames[p] = tone(500, 30_000); // ten people shouting the same thing
        }
        short[][] mixes = new short[10][N];
        boolean[] all = new boolean[10];
        java.util.Arrays.fill(all, true);
        new MixMinusOne(N).mix(frames, all, 10, N, mixes);
        int peak = 0;
        for (short s : mixes[0]) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween(SoftClipper.KNEE, 32767);
    }

    @Test
    void softClipperIsIdentityBelowTheKneeAndBoundedAbove() {
        assertThat(SoftClipper.clip(0)).isZero();
        assertThat(SoftClipper.clip(SoftClipper.KNEE)).isEqualTo((short) SoftClipper.KNEE);
        assertThat(SoftClipper.clip(-12_345)).isEqualTo((short) -12_345);
        // 100 over the knee: 100 × 6767 / (100 + 6767) = 98.5, truncated
        assertThat(SoftClipper.clip(SoftClipper.KNEE + 100)).isEqualTo((short) (SoftClipper.KNEE + 98));
        assertThat(SoftClipper.clip(1_000_000)).isBetween((short) 32_700, Short.MAX_VALUE);
        assertThat(SoftClipper.clip(-1_000_000)).isBetween((short) -32_767, (short) -32_700);
        int previous = Integer.MIN_VALUE;
        for (int x = 0; x < 400_000; x += 97) {
            int y = SoftClipper.clip(x);
            assertThat(y).isGreaterThanOrEqualTo(previous);
            previous = y;
        }
    }
}
