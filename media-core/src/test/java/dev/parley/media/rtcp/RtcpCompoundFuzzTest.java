package dev.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.media.DropReason;

/**
 * Any byte string either fails {@link RtcpCompound#check} with {@link RtcpFormatException} or
 * can be walked with every accessor without any other exception. Regression inputs live under
 * {@code src/test/resources/dev/parley/media/rtcp/RtcpCompoundFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes for a minute.
 */
class RtcpCompoundFuzzTest {
    private final RtcpCursor cursor = new RtcpCursor();
    private final SdesCursor sdes = new SdesCursor();
    private final int[] lost = new int[256];

    @FuzzTest(maxDuration = "60s")
    void onlyRtcpFormatExceptionEscapes(byte[] data) {
        DropReason reduced = RtcpCompound.validateReducedSize(data, 0, data.length);
        try {
            RtcpCompound.check(data, 0, data.length);
        } catch (RtcpFormatException e) {
            assertThat(e.reason()).isNotEqualTo(DropReason.NONE);
            assertThat(e.getMessage()).isNotBlank();
            if (reduced == DropReason.NONE) {
                assertThat(e.reason()).isEqualTo(DropReason.RTCP_FIRST_NOT_REPORT);
            }
            return;
        }
        assertThat(reduced).isEqualTo(DropReason.NONE);
        int total = 0;
        cursor.reset(data, 0, data.length);
        while (cursor.next()) {
            total += cursor.length();
            assertThat(cursor.contentLength()).isBetween(RtcpHeader.SIZE, cursor.length());
            readEveryField(data, cursor.offset(), cursor.contentLength());
        }
        assertThat(total).isEqualTo(data.length);
    }

    private void readEveryField(byte[] data, int off, int contentLength) {
        switch (RtcpHeader.packetType(data, off)) {
            case RtcpHeader.SR:
                for (int i = 0; i < SenderReport.reportBlockCount(data, off); i++) {
                    ReportBlock.delaySinceLastSr(data, SenderReport.reportBlockOffset(off, i));
                }
                SenderReport.octetCount(data, off);
                break;
            case RtcpHeader.RR:
                for (int i = 0; i < ReceiverReport.reportBlockCount(data, off); i++) {
                    ReportBlock.delaySinceLastSr(data, ReceiverReport.reportBlockOffset(off, i));
                }
                break;
            case RtcpHeader.SDES:
                sdes.reset(data, off);
                while (sdes.nextChunk()) {
                    while (sdes.nextItem()) {
                        assertThat(sdes.itemOffset() + sdes.itemLength()).isLessThanOrEqualTo(off + contentLength);
                    }
                }
                break;
            case RtcpHeader.BYE:
                for (int i = 0; i < Bye.sourceCount(data, off); i++) {
                    Bye.source(data, off, i);
                }
                if (Bye.hasReason(data, off, contentLength)) {
                    assertThat(Bye.reasonOffset(data, off) + Bye.reasonLength(data, off, contentLength))
                            .isLessThanOrEqualTo(off + contentLength);
                }
                break;
            case RtcpHeader.APP:
                assertThat(App.dataLength(contentLength)).isNotNegative();
                break;
            case RtcpHeader.RTPFB:
                if (RtcpFeedback.isNack(data, off)) {
                    GenericNack.lostSequenceNumbers(data, off, contentLength, lost);
                }
                break;
            case RtcpHeader.PSFB:
                if (RtcpFeedback.isFir(data, off)) {
                    for (int i = 0; i < Fir.entryCount(contentLength); i++) {
                        Fir.entrySequenceNumber(data, off, i);
                    }
                }
                break;
            default:
                break;
        }
    }
}
