package dev.parley.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.DropReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static final long MS = 1_000_000L;
    private static final int N = 160;

    private final JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.narrowband20ms());
    private final short[] out = new short[N];

    /**
     * Frame i carries 100 × (i + 1) in every sample (for i below 327) but sample 1, which holds i,
     * so tests can tell frames apart.
     */
    static short[] frame(int i) {
        short[] pcm = new short[N];
        Arrays.fill(pcm, (short) (100 * (i + 1)));
        pcm[1] = (short) i;
        return pcm;
    }

    private DropReason put(int i, long atMs) {
        return buffer.put(1000L + (long) N * i, frame(i), 0, atMs * MS);
    }

    /** Polls one frame into {@code out}. */
    private Playout poll() {
        return buffer.poll(out, 0);
    }

    @Test
    void waitsForTheTargetDelayThenPlaysInOrder() {
        assertThat(put(0, 0)).isEqualTo(DropReason.NONE);
        assertThat(poll()).isEqualTo(Playout.BUFFERING);
        assertThat(out[0]).isZero();
        put(1, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(poll()).isEqualTo(Playout.PLAYED);
            assertThat(out[0]).isEqualTo((short) (100 * (i + 1)));
            assertThat(out[N - 1]).isEqualTo(out[0]);
            put(i + 2, 40 + 20L * i);
        }
        assertThat(buffer.counters().played()).isEqualTo(20);
        assertThat(buffer.counters().concealed()).isZero();
        assertThat(buffer.targetDelayFrames()).isEqualTo(2);
    }

    @Test
    void undoesReordering() {
        put(1, 0);
        put(0, 1);
        put(3, 20);
        put(2, 21);
        List<Short> played = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertThat(poll()).isEqualTo(Playout.PLAYED);
            played.add(out[0]);
        }
        assertThat(played).containsExactly((short) 100, (short) 200, (short) 300, (short) 400);
    }

    @Test
    void concealsWithTheFadedLastFrameThenSilence() {
        for (int i = 0; i < 12; i++) {
            if (i < 3 || i > 7) { // frames 3..7 lost
                put(i, 20L * i);
            }
        }
        List<Playout> kinds = new ArrayList<>();
        List<Short> values = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            kinds.add(poll());
            values.add(out[0]);
        }
        assertThat(kinds)
                .containsExactly(
                        Playout.PLAYED,
                        Playout.PLAYED,
                        Playout.PLAYED,
                        Playout.CONCEALED,
                        Playout.CONCEALED,
                        Playout.CONCEALED,
                        Playout.SILENCE,
                        Playout.SILENCE,
                        Playout.PLAYED,
                        Playout.PLAYED,
                        Playout.PLAYED,
                        Playout.PLAYED);
        // Frame 2 holds 300: repeated at 3/4, 2/4, 1/4, then silence, then frame 8 (900).
        assertThat(values)
                .containsExactly(
                        (short) 100,
                        (short) 200,
                        (short) 300,
                        (short) 225,
                        (short) 150,
                        (short) 75,
                        (short) 0,
                        (short) 0,
                        (short) 900,
                        (short) 1000,
                        (short) 1100,
                        (short) 1200);
        assertThat(buffer.counters().concealed()).isEqualTo(3);
        assertThat(buffer.counters().silent()).isEqualTo(2);
    }

    @Test
    void runningDryHoldsThePlayoutPointInsteadOfLosingTheFrame() {
        put(0, 0);
        put(1, 20);
        assertThat(poll()).isEqualTo(Playout.PLAYED);
        assertThat(poll()).isEqualTo(Playout.PLAYED);
        assertThat(poll()).isEqualTo(Playout.CONCEALED); // frame 2 is late, not lost
        put(2, 65);
        assertThat(poll()).isEqualTo(Playout.PLAYED);
        assertThat(out[0]).isEqualTo((short) 300);
        assertThat(buffer.counters().late()).isZero();
    }

    @Test
    void dropsLateAndDuplicateFrames() {
        put(0, 0);
        put(1, 20);
        poll();
        poll();
        assertThat(put(0, 45)).isEqualTo(DropReason.JITTER_LATE);
        assertThat(put(2, 50)).isEqualTo(DropReason.NONE);
        assertThat(put(2, 51)).isEqualTo(DropReason.JITTER_DUPLICATE);
        assertThat(buffer.counters().late()).isEqualTo(1);
        assertThat(buffer.counters().duplicates()).isEqualTo(1);
    }

    @Test
    void playsAcrossTheTimestampWrap() {
        long start = 0x1_0000_0000L - 2L * N;
        for (int i = 0; i < 5; i++) {
            buffer.put((start + (long) N * i) & 0xffffffffL, frame(i), 0, 20L * i * MS);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(poll()).isEqualTo(Playout.PLAYED);
            assertThat(out[0]).isEqualTo((short) (100 * (i + 1)));
        }
    }

    @Test
    void aJumpPastTheCapacityStartsOver() {
        put(0, 0);
        put(1, 20);
        poll();
        put(500, 40); // ten seconds ahead: a new talk spurt after a pause, or a new source
        put(501, 60);
        assertThat(buffer.counters().restarts()).isEqualTo(1);
        assertThat(poll()).isEqualTo(Playout.PLAYED);
        assertThat(out[0]).isEqualTo((short) 50100);
    }

    @Test
    void configIsChecked() {
        assertThatThrownBy(() -> new JitterBufferConfig(160, 160, 8000, 0, 10, 50, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JitterBufferConfig(160, 160, 8000, 5, 4, 50, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JitterBufferConfig(160, 160, 8000, 2, 10, 12, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JitterBufferConfig.narrowband20ms().frameNanos()).isEqualTo(20 * MS);
    }
}
