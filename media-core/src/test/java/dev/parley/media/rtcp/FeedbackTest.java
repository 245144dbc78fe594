package dev.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeedbackTest {
    static final byte[] NACK = Hex.bytes("""
            81 cd 00 04       // V=2, P=0, FMT=1 (generic NACK), PT=205 (RTPFB), length 4 words
            00 00 04 d2       // SSRC of packet sender 1234
            00 00 16 2e       // SSRC of media source 5678
            00 64 00 05       // PID 100, BLP 0b101: 101 and 103 lost too
            ff ff 80 00       // PID 65535, BLP bit 15: 15 (wrapped) lost too
            """);

    static final byte[] PLI = Hex.bytes("""
            81 ce 00 02       // V=2, P=0, FMT=1 (PLI), PT=206 (PSFB), length 2 words
            00 00 04 d2       // SSRC of packet sender 1234
            00 00 16 2e       // SSRC of media source 5678
            """);

    static final byte[] FIR = Hex.bytes("""
            84 ce 00 04       // V=2, P=0, FMT=4 (FIR), PT=206 (PSFB), length 4 words
            00 00 04 d2       // SSRC of packet sender 1234
            00 00 00 00       // SSRC of media source: unused, 0 (RFC 5104 §4.3.1.2)
            00 00 16 2e       // FCI: SSRC 5678
            07 00 00 00       // FCI: command sequence number 7, reserved
            """);

    @Test
    void readsGenericNack() {
        assertThat(RtcpCompound.validateReducedSize(NACK, 0, NACK.length)).isEqualTo(DropReason.NONE);
        assertThat(RtcpFeedback.isNack(NACK, 0)).isTrue();
        assertThat(RtcpFeedback.isPli(NACK, 0)).isFalse();
        assertThat(RtcpFeedback.senderSsrc(NACK, 0)).isEqualTo(1234L);
        assertThat(RtcpFeedback.mediaSsrc(NACK, 0)).isEqualTo(5678L);
        assertThat(GenericNack.entryCount(NACK.length)).isEqualTo(2);
        assertThat(GenericNack.pid(NACK, 0, 0)).isEqualTo(100);
        assertThat(GenericNack.blp(NACK, 0, 0)).isEqualTo(5);
        int[] lost = new int[32];
        int n = GenericNack.lostSequenceNumbers(NACK, 0, NACK.length, lost);
        assertThat(Arrays.copyOf(lost, n)).containsExactly(100, 101, 103, 65535, 15);
    }

    @Test
    void lostListStopsAtTheCallersArray() {
        int[] lost = new int[2];
        assertThat(GenericNack.lostSequenceNumbers(NACK, 0, NACK.length, lost)).isEqualTo(2);
        assertThat(lost).containsExactly(100, 101);
    }

    @Test
    void writesNackPackingRunsOfSeventeen() {
        byte[] buf = new byte[64];
        int len = GenericNack.write(buf, 0, 1234L, 5678L, new int[] {100, 101, 103, 65535, 15}, 5);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(NACK);
    }

    @Test
    void readsAndWritesPli() {
        assertThat(RtcpCompound.validateReducedSize(PLI, 0, PLI.length)).isEqualTo(DropReason.NONE);
        assertThat(RtcpFeedback.isPli(PLI, 0)).isTrue();
        assertThat(RtcpFeedback.isFir(PLI, 0)).isFalse();
        assertThat(RtcpFeedback.mediaSsrc(PLI, 0)).isEqualTo(5678L);
        byte[] buf = new byte[Pli.SIZE];
        assertThat(Pli.write(buf, 0, 1234L, 5678L)).isEqualTo(12);
        assertThat(buf).isEqualTo(PLI);
    }

    @Test
    void readsAndWritesFir() {
        assertThat(RtcpCompound.validateReducedSize(FIR, 0, FIR.length)).isEqualTo(DropReason.NONE);
        assertThat(RtcpFeedback.isFir(FIR, 0)).isTrue();
        assertThat(Fir.entryCount(FIR.length)).isEqualTo(1);
        assertThat(Fir.entrySsrc(FIR, 0, 0)).isEqualTo(5678L);
        assertThat(Fir.entrySequenceNumber(FIR, 0, 0)).isEqualTo(7);
        byte[] buf = new byte[20];
        assertThat(Fir.write(buf, 0, 1234L, new long[] {5678L}, new int[] {7}, 1))
                .isEqualTo(20);
        assertThat(buf).isEqualTo(FIR);
    }

    @Test
    void firWithAPartialEntryIsMalformed() {
        byte[] fir = Arrays.copyOf(FIR, 16);
        fir[3] = 3; // length 3 words: 4 bytes of FCI, half an entry
        assertThat(RtcpCompound.validateReducedSize(fir, 0, fir.length)).isEqualTo(DropReason.RTCP_FEEDBACK_MALFORMED);
    }
}
