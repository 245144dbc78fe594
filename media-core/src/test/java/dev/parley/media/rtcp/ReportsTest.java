package dev.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReportsTest {
    static final byte[] SR = Hex.bytes("""
            81 c8 00 0c       // V=2, P=0, RC=1, PT=200 (SR), length 12 words (52 bytes)
            00 00 04 d2       // SSRC of sender 1234
            e9 7b 12 34       // NTP timestamp, seconds
            80 00 00 00       // NTP timestamp, fraction (0.5 s)
            00 00 1f 40       // RTP timestamp 8000
            00 00 00 32       // sender's packet count 50
            00 00 1f 40       // sender's octet count 8000
            00 00 16 2e       // report block 1: SSRC 5678
            19                // fraction lost 25/256
            ff ff fe          // cumulative packets lost -2 (signed 24-bit)
            00 01 00 05       // extended highest sequence number: 1 cycle, seq 5
            00 00 00 0f       // interarrival jitter 15
            12 34 80 00       // last SR (LSR)
            00 01 80 00       // delay since last SR 1.5 s (in 1/65536 s)
            """);

    static final byte[] RR = Hex.bytes("""
            81 c9 00 07       // V=2, P=0, RC=1, PT=201 (RR), length 7 words (32 bytes)
            00 00 16 2e       // SSRC of packet sender 5678
            00 00 04 d2       // report block 1: SSRC 1234
            00                // fraction lost 0
            00 00 03          // cumulative packets lost 3
            00 00 ff ff       // extended highest sequence number 65535
            00 00 01 00       // interarrival jitter 256
            00 00 00 00       // no SR yet: LSR 0
            00 00 00 00       // DLSR 0
            """);

    @Test
    void readsSenderReportAndItsBlock() {
        assertThat(RtcpCompound.validate(SR, 0, SR.length)).isEqualTo(DropReason.NONE);
        assertThat(RtcpHeader.packetType(SR, 0)).isEqualTo(RtcpHeader.SR);
        assertThat(RtcpHeader.lengthBytes(SR, 0)).isEqualTo(52);
        assertThat(SenderReport.senderSsrc(SR, 0)).isEqualTo(1234L);
        assertThat(SenderReport.ntpTimestamp(SR, 0)).isEqualTo(0xe97b123480000000L);
        assertThat(SenderReport.rtpTimestamp(SR, 0)).isEqualTo(8000L);
        assertThat(SenderReport.packetCount(SR, 0)).isEqualTo(50L);
        assertThat(SenderReport.octetCount(SR, 0)).isEqualTo(8000L);
        assertThat(SenderReport.reportBlockCount(SR, 0)).isEqualTo(1);
        int block = SenderReport.reportBlockOffset(0, 0);
        assertThat(block).isEqualTo(28);
        assertThat(ReportBlock.ssrc(SR, block)).isEqualTo(5678L);
        assertThat(ReportBlock.fractionLost(SR, block)).isEqualTo(25);
        assertThat(ReportBlock.cumulativeLost(SR, block)).isEqualTo(-2);
        assertThat(ReportBlock.extendedHighestSequence(SR, block)).isEqualTo(65541L);
        assertThat(ReportBlock.jitter(SR, block)).isEqualTo(15L);
        assertThat(ReportBlock.lastSr(SR, block)).isEqualTo(0x12348000L);
        assertThat(ReportBlock.delaySinceLastSr(SR, block)).isEqualTo(98304L);
    }

    @Test
    void writesTheSameSenderReport() {
        byte[] buf = new byte[64];
        int len = SenderReport.write(buf, 0, 1234L, 0xe97b123480000000L, 8000L, 50L, 8000L, 1);
        ReportBlock.write(buf, SenderReport.reportBlockOffset(0, 0), 5678L, 25, -2, 65541L, 15L, 0x12348000L, 98304L);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(SR);
    }

    @Test
    void readsAndWritesReceiverReport() {
        assertThat(RtcpCompound.validate(RR, 0, RR.length)).isEqualTo(DropReason.NONE);
        assertThat(ReceiverReport.senderSsrc(RR, 0)).isEqualTo(5678L);
        assertThat(ReceiverReport.reportBlockCount(RR, 0)).isEqualTo(1);
        int block = ReceiverReport.reportBlockOffset(0, 0);
        assertThat(ReportBlock.ssrc(RR, block)).isEqualTo(1234L);
        assertThat(ReportBlock.cumulativeLost(RR, block)).isEqualTo(3);
        assertThat(ReportBlock.extendedHighestSequence(RR, block)).isEqualTo(65535L);
        assertThat(ReportBlock.jitter(RR, block)).isEqualTo(256L);

        byte[] buf = new byte[32];
        int len = ReceiverReport.write(buf, 0, 5678L, 1);
        ReportBlock.write(buf, ReceiverReport.reportBlockOffset(0, 0), 1234L, 0, 3, 65535L, 256L, 0L, 0L);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(RR);
    }

    @Test
    void cumulativeLossIsClampedToTwentyFourBits() {
        byte[] buf = new byte[24];
        ReportBlock.write(buf, 0, 1L, 0, 10_000_000, 0L, 0L, 0L, 0L);
        assertThat(ReportBlock.cumulativeLost(buf, 0)).isEqualTo(0x7FFFFF);
        ReportBlock.write(buf, 0, 1L, 0, -10_000_000, 0L, 0L, 0L, 0L);
        assertThat(ReportBlock.cumulativeLost(buf, 0)).isEqualTo(-0x800000);
    }
}
