package dev.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamRewriterTest {
    private static final long MS = 1_000_000L;
    private static final long A = 0xaaaaL;
    private static final long B = 0xbbbbL;

    private final StreamRewriter rewriter = new StreamRewriter(0x5555L, 90_000);
    private final byte[] packet = new byte[12];

    private boolean send(long ssrc, int sequence, long timestamp, long atMs) {
        RtpHeaderWriter.writeFixed(packet, 0, false, 96, sequence, timestamp, ssrc);
        return rewriter.rewrite(packet, 0, atMs * MS);
    }

    @Test
    void firstSourcePassesWithItsOwnNumbersUnderTheOutgoingSsrc() {
        rewriter.select(A);
        assertThat(send(A, 100, 9000, 0)).isTrue();
        assertThat(RtpHeader.ssrc(packet, 0)).isEqualTo(0x5555L);
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isEqualTo(100);
        assertThat(RtpHeader.timestamp(packet, 0)).isEqualTo(9000);
        assertThat(send(B, 7, 1, 1)).isFalse();
    }

    @Test
    void switchContinuesSequenceAndAdvancesTimestampByElapsedTime() {
        rewriter.select(A);
        send(A, 100, 9000, 0);
        send(A, 101, 12_000, 33);
        rewriter.select(B);
        assertThat(send(A, 102, 15_000, 66)).isFalse(); // the old speaker is no longer forwarded
        assertThat(send(B, 40_000, 123_456, 73)).isTrue(); // 40 ms after the last packet sent
        assertThat(RtpHeader.ssrc(packet, 0)).isEqualTo(0x5555L);
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isEqualTo(102);
        assertThat(RtpHeader.timestamp(packet, 0)).isEqualTo(12_000 + 40 * 90);
        assertThat(send(B, 40_001, 126_456, 106)).isTrue();
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isEqualTo(103);
        assertThat(RtpHeader.timestamp(packet, 0)).isEqualTo(12_000 + 3600 + 3000);
    }

    @Test
    void wrapsSequenceAndTimestamp() {
        rewriter.select(A);
        send(A, 65535, 0xffffff00L, 0);
        rewriter.select(B);
        send(B, 10, 500, 10);
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isZero();
        assertThat(RtpHeader.timestamp(packet, 0)).isEqualTo((0xffffff00L + 900) & 0xffffffffL);
    }

    @Test
    void packetsFromBeforeTheSwitchPointAreDropped() {
        rewriter.select(A);
        send(A, 100, 9000, 0);
        rewriter.select(B);
        send(B, 500, 0, 20);
        assertThat(send(B, 499, 0, 21)).isFalse(); // reordered, older than the anchor
        assertThat(send(B, 501, 3000, 22)).isTrue();
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isEqualTo(102);
    }

    @Test
    void reselectingTheSameSourceKeepsTheAnchor() {
        rewriter.select(A);
        send(A, 100, 9000, 0);
        rewriter.select(A);
        send(A, 101, 12_000, 33);
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isEqualTo(101);
        assertThat(RtpHeader.timestamp(packet, 0)).isEqualTo(12_000);
        assertThat(rewriter.selected()).isEqualTo(A);
    }
}
