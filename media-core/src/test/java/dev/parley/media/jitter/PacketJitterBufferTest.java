package dev.parley.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import org.junit.jupiter.api.Test;

/** Encoded packets come out in timestamp order, with their tags, whatever order they came in. */
class PacketJitterBufferTest {
    private static final long MS = 1_000_000L;
    private static final int TS = 960; // 20 ms of Opus at its 48 kHz RTP clock

    private final PacketJitterBuffer buffer =
            new PacketJitterBuffer(new JitterBufferConfig(320, TS, 48000, 2, 10, 50, 3), 64);
    private final byte[] out = new byte[64];

    /** Packet i: i + 1 bytes, each holding i. */
    private DropReason put(int i, long atMs) {
        byte[] payload = new byte[i + 1];
        java.util.Arrays.fill(payload, (byte) i);
        return buffer.put(5000L + (long) TS * i, (byte) 111, payload, 0, payload.length, atMs * MS);
    }

    private int played() {
        assertThat(buffer.poll(out, 0)).isEqualTo(Playout.PLAYED);
        assertThat(buffer.tag()).isEqualTo((byte) 111);
        int i = buffer.length() - 1;
        for (int b = 0; b < buffer.length(); b++) {
            assertThat(out[b]).isEqualTo((byte) i);
        }
        return i;
    }

    @Test
    void reorderedPacketsPlayInTimestampOrderAndAMissingOneIsConcealed() {
        put(0, 0);
        put(2, 41); // 1 overtaken by 2
        put(1, 45);
        put(4, 80); // 3 lost
        put(5, 100);
        int[] order = new int[3];
        for (int k = 0; k < 3; k++) {
            order[k] = played();
        }
        assertThat(order).containsExactly(0, 1, 2);
        assertThat(buffer.poll(out, 0)).as("3 never came").isEqualTo(Playout.CONCEALED);
        assertThat(played()).isEqualTo(4);
        assertThat(put(1, 120)).as("1's turn has passed").isEqualTo(DropReason.JITTER_LATE);
        assertThat(played()).isEqualTo(5);
    }

    @Test
    void aPacketOfThreeFramesIsPlayedOnceAndItsFramesSkipped() {
        put(0, 0);
        buffer.put(5000L + TS, (byte) 111, new byte[] {7, 7, 7}, 0, 3, 20 * MS); // 60 ms: frames 1-3
        put(4, 80);
        assertThat(played()).isEqualTo(0);
        assertThat(buffer.poll(out, 0)).isEqualTo(Playout.PLAYED);
        assertThat(buffer.length()).isEqualTo(3);
        buffer.playedFrames(3);
        assertThat(played()).as("after the three frames, not a loss").isEqualTo(4);
    }

    @Test
    void aPayloadLargerThanASlotIsRefused() {
        assertThat(buffer.put(0, (byte) 0, new byte[65], 0, 65, 0)).isEqualTo(DropReason.JITTER_PAYLOAD_TOO_LARGE);
        assertThat(buffer.bufferedFrames()).isZero();
    }
}
