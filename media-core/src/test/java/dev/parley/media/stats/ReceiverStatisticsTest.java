package dev.parley.media.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

class ReceiverStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void fillsAReportBlockFromPacketsAndTheLastSr() {
        ReceiverStatistics stats = new ReceiverStatistics(0xcafebabeL, 8000);
        for (int seq = 0; seq < 52; seq++) {
            if (seq != 20 && seq != 30) {
                stats.onPacket(seq, 160L * seq, 20 * MS * seq);
            }
        }
        stats.onSenderReport(0xe97b123480000000L, 1_000 * MS);
        byte[] buf = new byte[ReportBlock.SIZE];
        assertThat(stats.writeReportBlock(buf, 0, 2_500 * MS)).isEqualTo(24);
        assertThat(ReportBlock.ssrc(buf, 0)).isEqualTo(0xcafebabeL);
        assertThat(ReportBlock.cumulativeLost(buf, 0)).isEqualTo(2); // 51 expected (base 1), 49 received
        assertThat(ReportBlock.fractionLost(buf, 0)).isEqualTo(2 * 256 / 51);
        assertThat(ReportBlock.extendedHighestSequence(buf, 0)).isEqualTo(51);
        assertThat(ReportBlock.jitter(buf, 0)).isZero();
        assertThat(ReportBlock.lastSr(buf, 0)).isEqualTo(0x12348000L);
        assertThat(ReportBlock.delaySinceLastSr(buf, 0)).isEqualTo(98304L); // 1.5 s × 65536

        stats.writeReportBlock(buf, 0, 2_600 * MS);
        assertThat(ReportBlock.fractionLost(buf, 0)).isZero(); // nothing new since the last report
    }

    @Test
    void withoutSrLsrAndDlsrAreZero() {
        ReceiverStatistics stats = new ReceiverStatistics(1L, 8000);
        stats.onPacket(5, 0, 0);
        stats.onPacket(6, 160, 20 * MS);
        byte[] buf = new byte[ReportBlock.SIZE];
        stats.writeReportBlock(buf, 0, 5_000 * MS);
        assertThat(ReportBlock.lastSr(buf, 0)).isZero();
        assertThat(ReportBlock.delaySinceLastSr(buf, 0)).isZero();
        assertThat(ReportBlock.extendedHighestSequence(buf, 0)).isEqualTo(6);
    }

    @Test
    void packetsDuringProbationDoNotFeedJitter() {
        ReceiverStatistics stats = new ReceiverStatistics(1L, 8000);
        assertThat(stats.onPacket(1, 0, 0)).isFalse();
        assertThat(stats.onPacket(2, 160, 500 * MS)).isTrue();
        assertThat(stats.onPacket(3, 320, 520 * MS)).isTrue();
        assertThat(stats.jitter().jitter()).isZero();
    }
}
