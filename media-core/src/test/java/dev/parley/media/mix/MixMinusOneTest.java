package dev.parley.media.mix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.tone.Goertzel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MixMinusOneTest {
    private static final int N = 160;

    private final MixMinusOne mix = new MixMinusOne(320);
    private final short[] out = new short[N];

    private static short[] tone(double hz, int amplitude) {
        short[] pcm = new short[N];
        for (int i = 0; i < N; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return pcm;
    }

    private static short[] constant(int v) {
        short[] f = new short[N];
        Arrays.fill(f, (short) v);
        return f;
    }

    @Test
    void eachListenerGetsTheSumOfTheOthers() {
        short[] a = constant(100);
        short[] b = constant(-30);
        short[] c = constant(7);
        mix.reset(N);
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
    void everyoneHearsTheOthersButNotThemselves() {
        short[][] frames = {tone(400, 5000), tone(600, 5000), tone(1000, 5000)};
        double[] hz = {400, 600, 1000};
        mix.reset(N);
        for (short[] f : frames) {
            mix.add(f);
        }
        for (int listener = 0; listener < 3; listener++) {
            mix.mixFor(frames[listener], out);
            for (int speaker = 0; speaker < 3; speaker++) {
                double heard = new Goertzel(hz[speaker], 8000).amplitude(out, 0, N);
                if (listener == speaker) {
                    assertThat(heard).as("%d hears itself", listener).isLessThan(50);
                } else {
                    assertThat(heard).as("%d hears %d", listener, speaker).isBetween(4900.0, 5100.0);
                }
            }
        }
    }

    @Test
    void aParticipantThatAddedNothingHearsEveryone() {
        mix.reset(N);
        mix.add(tone(400, 5000));
        mix.mixFor(null, out);
        assertThat(out).isEqualTo(tone(400, 5000));
    }

    @Test
    void resetStartsFromSilenceAtTheNewFrameSize() {
        mix.reset(N);
        mix.add(constant(1000));
        mix.reset(N);
        mix.mixFor(null, out);
        assertThat(out).containsOnly((short) 0);
        assertThat(mix.contributors()).isZero();

        short[] wide = new short[320];
        Arrays.fill(wide, (short) 9);
        mix.reset(320);
        mix.add(wide);
        short[] wideOut = new short[320];
        mix.mixFor(null, wideOut);
        assertThat(wideOut).containsOnly((short) 9);
    }

    @Test
    void loudRoomStaysInsideSixteenBits() {
        mix.reset(N);
        for (int p = 0; p < 10; p++) {
            mix.add(tone(500, 30_000)); // ten people shouting the same thing
        }
        mix.mixFor(tone(500, 30_000), out);
        int peak = 0;
        for (short s : out) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween(SoftClipper.KNEE, 32767);
    }

    @Test
    void onePeakDoesNotDuckTheRestOfItsFrame() {
        // Speech at a normal level plus one loud click in the middle of the frame.
        short[] speech = tone(400, 5000);
        short[] click = new short[N];
        click[80] = 30_000;
        mix.reset(N);
        mix.add(speech);
        mix.add(click);
        mix.add(constant(0));

        mix.mixFor(null, out);

        for (int i = 0; i < N; i++) {
            if (i != 80) {
                assertThat(out[i]).as("sample %d", i).isEqualTo(speech[i]);
            }
        }
        assertThat(out[80]).isBetween((short) SoftClipper.KNEE, Short.MAX_VALUE);
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
