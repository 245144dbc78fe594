package dev.parley.media.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.rtcp.RtcpCompound;
import dev.parley.media.rtcp.SenderReport;
import org.junit.jupiter.api.Test;

class SenderStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void reportsCountsAndTheExtrapolatedTimestamp() {
        SenderStatistics stats = new SenderStatistics(0x1234L, 8000);
        assertThat(stats.hasSent()).isFalse();
        for (int i = 0; i < 3; i++) {
            stats.onSent(160, 0xffffff00L + 160L * i, 20 * MS * i);
        }
        assertThat(stats.hasSent()).isTrue();
        assertThat(stats.packetCount()).isEqualTo(3);
        assertThat(stats.octetCount()).isEqualTo(480);
        // Last packet: ts 0xffffff00 + 320 (wrapped to 0x40) at 40 ms; 10 ms later is 80 units on.
        assertThat(stats.rtpTimestampAt(50 * MS)).isEqualTo(0x40L + 80);

        byte[] buf = new byte[28];
        int len = stats.writeSenderReport(buf, 0, 50 * MS, 0, 0);
        assertThat(len).isEqualTo(28);
        assertThat(RtcpCompound.validate(buf, 0, len)).isEqualTo(DropReason.NONE);
        assertThat(SenderReport.senderSsrc(buf, 0)).isEqualTo(0x1234L);
        assertThat(SenderReport.ntpTimestamp(buf, 0)).isEqualTo(NtpTime.UNIX_EPOCH_SECONDS << 32);
        assertThat(SenderReport.rtpTimestamp(buf, 0)).isEqualTo(0x90L);
        assertThat(SenderReport.packetCount(buf, 0)).isEqualTo(3);
        assertThat(SenderReport.octetCount(buf, 0)).isEqualTo(480);
    }
}
