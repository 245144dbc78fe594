package dev.parley.ua.control.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4571 framing survives any split of the TCP stream into reads. */
class Rfc4571DeframerTest {
    private final List<byte[]> packets = new ArrayList<>();
    private final Rfc4571Deframer deframer = new Rfc4571Deframer();

    private void feed(byte[] stream, int from, int to) {
        deframer.feed(stream, from, to - from, (buf, off, len) -> packets.add(Arrays.copyOfRange(buf, off, off + len)));
    }

    private static byte[] frames(byte[]... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            byte[] frame = new byte[Rfc4571.LENGTH_FIELD + body.length];
            Rfc4571.writeLength(frame, 0, body.length);
            System.arraycopy(body, 0, frame, Rfc4571.LENGTH_FIELD, body.length);
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] body(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void theLengthFieldIsSixteenBitsBigEndian() {
        byte[] frame = new byte[2 + 300];
        assertThat(Rfc4571.writeLength(frame, 0, 300)).isEqualTo(302);
        assertThat(frame[0]).isEqualTo((byte) 0x01); // 300 = 0x012c
        assertThat(frame[1]).isEqualTo((byte) 0x2c);
    }

    @Test
    void mergedFramesInOneReadComeOutOneByOne() {
        byte[] a = body(20, 1);
        byte[] b = body(1, 2);
        byte[] c = body(300, 3);
        byte[] stream = frames(a, b, c);

        feed(stream, 0, stream.length);

        assertThat(packets).containsExactly(a, b, c);
        assertThat(deframer.inFrame()).isFalse();
    }

    @Test
    void aReadEndingInsideTheLengthFieldOrThePacketWaitsForTheRest() {
        byte[] a = body(16, 4);
        byte[] stream = frames(a);

        feed(stream, 0, 1); // half the LENGTH field
        assertThat(packets).isEmpty();
        assertThat(deframer.inFrame()).isTrue();
        feed(stream, 1, 7); // the other half and 5 packet bytes
        assertThat(packets).isEmpty();
        feed(stream, 7, stream.length);

        assertThat(packets).containsExactly(a);
        assertThat(deframer.inFrame()).isFalse();
    }

    @Test
    void everySplitOfTheStreamGivesTheSamePackets() {
        byte[][] bodies = {body(16, 5), body(0, 6), body(65535, 7), body(24, 8)};
        byte[] stream = frames(bodies);
        Random reads = new Random(9);

        for (int at = 0; at < stream.length; ) {
            int n = Math.min(stream.length - at, 1 + reads.nextInt(40000));
            feed(stream, at, at + n);
            at += n;
        }

        assertThat(packets).containsExactly(bodies);
        assertThat(deframer.packets()).isEqualTo(4);
    }

    @Test
    void byteByByteReadsGiveTheSamePackets() {
        byte[][] bodies = {body(16, 10), body(3, 11), body(12, 12)};
        byte[] stream = frames(bodies);

        for (int at = 0; at < stream.length; at++) {
            feed(stream, at, at + 1);
        }

        assertThat(packets).containsExactly(bodies);
    }

    @Test
    void aStreamThatStopsInsideAFrameSaysSo() {
        byte[] stream = frames(body(16, 13));

        feed(stream, 0, stream.length - 1);

        assertThat(packets).isEmpty();
        assertThat(deframer.inFrame()).isTrue();
    }
}
