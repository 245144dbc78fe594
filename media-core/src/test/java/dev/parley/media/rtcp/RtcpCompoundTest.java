package dev.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {
    /** RR + SDES + BYE, the BYE padded (P bit on the last packet only). */
    static final byte[] COMPOUND = Hex.bytes("""
            80 c9 00 01       // RR: V=2, P=0, RC=0, PT=201, length 1 word (8 bytes)
            00 00 04 d2       //   SSRC of packet sender 1234
            81 ca 00 02       // SDES: V=2, P=0, SC=1, PT=202, length 2 words (12 bytes)
            00 00 04 d2       //   chunk: SSRC 1234
            01 01 61          //   CNAME, 1 byte: "a"
            00                //   end of items
            a1 cb 00 02       // BYE: V=2, P=1, SC=1, PT=203, length 2 words (12 bytes)
            00 00 04 d2       //   SSRC 1234
            00 00 00 04       //   RTCP padding: 4 bytes, last holds the count
            """);

    @Test
    void iteratesAValidCompoundPacket() throws RtcpFormatException {
        RtcpCompound.check(COMPOUND, 0, COMPOUND.length);
        RtcpCursor cursor = new RtcpCursor().reset(COMPOUND, 0, COMPOUND.length);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.packetType()).isEqualTo(RtcpHeader.RR);
        assertThat(cursor.offset()).isZero();
        assertThat(cursor.count()).isZero();
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.packetType()).isEqualTo(RtcpHeader.SDES);
        assertThat(cursor.offset()).isEqualTo(8);
        assertThat(cursor.length()).isEqualTo(12);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.packetType()).isEqualTo(RtcpHeader.BYE);
        assertThat(cursor.length()).isEqualTo(12);
        assertThat(cursor.contentLength()).isEqualTo(8);
        assertThat(Bye.hasReason(COMPOUND, cursor.offset(), cursor.contentLength()))
                .isFalse();
        assertThat(cursor.next()).isFalse();
    }

    @Test
    void iteratesInsideALargerBuffer() {
        byte[] buf = new byte[COMPOUND.length + 10];
        System.arraycopy(COMPOUND, 0, buf, 6, COMPOUND.length);
        assertThat(RtcpCompound.validate(buf, 6, COMPOUND.length)).isEqualTo(DropReason.NONE);
        RtcpCursor cursor = new RtcpCursor().reset(buf, 6, COMPOUND.length);
        int packets = 0;
        while (cursor.next()) {
            packets++;
        }
        assertThat(packets).isEqualTo(3);
    }

    @Test
    void firstPacketMustBeAReport() {
        byte[] sdesFirst = Arrays.copyOfRange(COMPOUND, 8, COMPOUND.length);
        assertThat(RtcpCompound.validate(sdesFirst, 0, sdesFirst.length)).isEqualTo(DropReason.RTCP_FIRST_NOT_REPORT);
        assertThat(RtcpCompound.validateReducedSize(sdesFirst, 0, sdesFirst.length))
                .isEqualTo(DropReason.NONE);
        assertThatThrownBy(() -> RtcpCompound.check(sdesFirst, 0, sdesFirst.length))
                .isInstanceOf(RtcpFormatException.class)
                .hasMessage("compound RTCP must start with SR or RR, got PT 202");
    }

    @Test
    void lengthsMustAddUp() {
        assertThat(RtcpCompound.validate(COMPOUND, 0, 3)).isEqualTo(DropReason.RTCP_TOO_SHORT);
        assertThat(RtcpCompound.validate(COMPOUND, 0, 30)).isEqualTo(DropReason.RTCP_TOO_SHORT);
        assertThatThrownBy(() -> RtcpCompound.check(COMPOUND, 0, 28))
                .hasMessage("RTCP packet 2 (PT 203) length needs 12 bytes, got 8")
                .extracting(e -> ((RtcpFormatException) e).reason())
                .isEqualTo(DropReason.RTCP_LENGTH_OVERRUN);
    }

    @Test
    void everyPacketMustBeVersionTwo() {
        byte[] packet = COMPOUND.clone();
        packet[8] = 0x41; // SDES with V=1
        assertThatThrownBy(() -> RtcpCompound.check(packet, 0, packet.length))
                .hasMessage("RTCP packet 1 version must be 2, got 1");
    }

    @Test
    void onlyTheLastPacketMayBePadded() {
        byte[] packet = COMPOUND.clone();
        packet[8] = (byte) 0xa1; // P set on the SDES in the middle
        assertThat(RtcpCompound.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTCP_PADDING_NOT_LAST);
    }

    @Test
    void paddingCountMustFitTheLastPacket() {
        byte[] packet = COMPOUND.clone();
        packet[packet.length - 1] = 9; // 9 > 8 bytes after the BYE header
        assertThatThrownBy(() -> RtcpCompound.check(packet, 0, packet.length))
                .hasMessage("RTCP padding count 9 must be 1..8")
                .extracting(e -> ((RtcpFormatException) e).reason())
                .isEqualTo(DropReason.RTCP_BAD_PADDING);
        packet[packet.length - 1] = 0;
        assertThat(RtcpCompound.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTCP_BAD_PADDING);
        packet[packet.length - 1] = 8; // padding eats the SSRC: BYE announces SC=1 but has none
        assertThat(RtcpCompound.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTCP_BYE_MALFORMED);
    }

    @Test
    void reportCountMustFitTheLength() {
        byte[] rr = Hex.bytes("""
                81 c9 00 01       // RR: RC=1 but length 1 word: no room for the block
                00 00 04 d2       // SSRC of packet sender
                """);
        assertThatThrownBy(() -> RtcpCompound.check(rr, 0, rr.length))
                .hasMessage("RTCP packet 0 (PT 201, count 1) does not fit its 8 bytes")
                .extracting(e -> ((RtcpFormatException) e).reason())
                .isEqualTo(DropReason.RTCP_BODY_TRUNCATED);
    }

    @Test
    void sdesItemRunningPastItsPacketIsMalformed() {
        byte[] packet = COMPOUND.clone();
        packet[17] = 9; // CNAME length 9 in a 12-byte SDES
        assertThat(RtcpCompound.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTCP_SDES_MALFORMED);
        byte[] noEnd = COMPOUND.clone();
        noEnd[19] = 0x01; // no end-of-items octet: item type 1 where 0 belongs
        assertThat(RtcpCompound.validate(noEnd, 0, noEnd.length)).isEqualTo(DropReason.RTCP_SDES_MALFORMED);
    }

    @Test
    void byeReasonRunningPastItsPacketIsMalformed() {
        byte[] bye = Hex.bytes("""
                81 cb 00 02       // BYE: SC=1, length 2 words (12 bytes)
                00 00 04 d2       // SSRC 1234
                05 61 62 63       // reason length 5 but only 3 bytes left
                """);
        assertThat(RtcpCompound.validateReducedSize(bye, 0, bye.length)).isEqualTo(DropReason.RTCP_BYE_MALFORMED);
    }

    @Test
    void unknownPacketTypesAreSkipped() {
        byte[] packet = Hex.bytes("""
                80 c9 00 01       // RR: RC=0, length 1 word
                00 00 04 d2       // SSRC of packet sender
                80 cf 00 00       // PT=207 (XR, not parsed here), length 0 words: header only
                """);
        assertThat(RtcpCompound.validate(packet, 0, packet.length)).isEqualTo(DropReason.NONE);
    }

    @Test
    void demuxesRtcpFromRtpByPayloadType() {
        assertThat(RtcpMuxDemux.classify(COMPOUND, 0, COMPOUND.length)).isEqualTo(RtcpMuxDemux.Kind.RTCP);
        assertThat(RtcpMuxDemux.classify(FeedbackTest.PLI, 0, 12)).isEqualTo(RtcpMuxDemux.Kind.RTCP);
        byte[] rtp = Hex.bytes("80 e0 00 01 // RTP: V=2, M=1, PT=96 (second octet 0xe0 = 224, outside 192..223)");
        assertThat(RtcpMuxDemux.classify(rtp, 0, rtp.length)).isEqualTo(RtcpMuxDemux.Kind.RTP);
        byte[] pt63 = Hex.bytes("80 3f // V=2, M=0, PT=63: RTP");
        assertThat(RtcpMuxDemux.classify(pt63, 0, 2)).isEqualTo(RtcpMuxDemux.Kind.RTP);
        byte[] pt95 = Hex.bytes("80 df // V=2, second octet 223: RTCP");
        assertThat(RtcpMuxDemux.classify(pt95, 0, 2)).isEqualTo(RtcpMuxDemux.Kind.RTCP);
        byte[] stun = Hex.bytes("00 01 // STUN binding request: first two bits 00");
        assertThat(RtcpMuxDemux.classify(stun, 0, 2)).isEqualTo(RtcpMuxDemux.Kind.OTHER);
        assertThat(RtcpMuxDemux.classify(stun, 0, 1)).isEqualTo(RtcpMuxDemux.Kind.OTHER);
    }
}
