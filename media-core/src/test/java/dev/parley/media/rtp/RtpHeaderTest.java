package dev.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {
    /** PCMU packet with two CSRCs, a one-byte extension, 3 payload bytes and 2 padding bytes. */
    private static final byte[] FULL = Hex.bytes("""
            b2                // V=2, P=1, X=1, CC=2
            80                // M=1, PT=0 (PCMU)
            1f 40             // sequence number 8000
            00 01 e2 40       // timestamp 123456
            de ad be ef       // SSRC 0xdeadbeef
            00 00 00 01       // CSRC[0] 1
            ff ff ff fe       // CSRC[1] 0xfffffffe
            be de 00 02       // extension profile 0xBEDE (RFC 8285 one-byte), length 2 words
            10 aa             // element ID 1, L=0 (1 byte): aa
            00                // padding byte between elements
            22 01 02 03       // element ID 2, L=2 (3 bytes): 01 02 03
            00                // padding to the 32-bit boundary
            11 22 33          // payload
            00 02             // RTP padding: 2 bytes, last byte holds the count
            """);

    @Test
    void readsEveryFieldOfAFullPacket() throws RtpFormatException {
        RtpHeader.check(FULL, 0, FULL.length);
        assertThat(RtpHeader.version(FULL, 0)).isEqualTo(2);
        assertThat(RtpHeader.hasPadding(FULL, 0)).isTrue();
        assertThat(RtpHeader.hasExtension(FULL, 0)).isTrue();
        assertThat(RtpHeader.csrcCount(FULL, 0)).isEqualTo(2);
        assertThat(RtpHeader.marker(FULL, 0)).isTrue();
        assertThat(RtpHeader.payloadType(FULL, 0)).isZero();
        assertThat(RtpHeader.sequenceNumber(FULL, 0)).isEqualTo(8000);
        assertThat(RtpHeader.timestamp(FULL, 0)).isEqualTo(123456L);
        assertThat(RtpHeader.ssrc(FULL, 0)).isEqualTo(0xdeadbeefL);
        assertThat(RtpHeader.csrc(FULL, 0, 0)).isEqualTo(1L);
        assertThat(RtpHeader.csrc(FULL, 0, 1)).isEqualTo(0xfffffffeL);
        assertThat(RtpHeader.extensionProfile(FULL, 0)).isEqualTo(0xBEDE);
        assertThat(RtpHeader.extensionDataLength(FULL, 0)).isEqualTo(8);
        assertThat(RtpHeader.headerLength(FULL, 0)).isEqualTo(32);
        assertThat(RtpHeader.paddingLength(FULL, 0, FULL.length)).isEqualTo(2);
        assertThat(RtpHeader.payloadOffset(FULL, 0)).isEqualTo(32);
        assertThat(RtpHeader.payloadLength(FULL, 0, FULL.length)).isEqualTo(3);
        assertThat(FULL[RtpHeader.payloadOffset(FULL, 0)]).isEqualTo((byte) 0x11);
    }

    @Test
    void readsAtAnOffsetInsideALargerBuffer() {
        byte[] shifted = new byte[FULL.length + 7];
        System.arraycopy(FULL, 0, shifted, 5, FULL.length);
        assertThat(RtpHeader.validate(shifted, 5, FULL.length)).isEqualTo(DropReason.NONE);
        assertThat(RtpHeader.sequenceNumber(shifted, 5)).isEqualTo(8000);
        assertThat(RtpHeader.payloadOffset(shifted, 5)).isEqualTo(37);
        assertThat(RtpHeader.payloadLength(shifted, 5, FULL.length)).isEqualTo(3);
    }

    @Test
    void minimalHeaderHasEmptyPayload() {
        byte[] packet = Hex.bytes("""
                80                // V=2, P=0, X=0, CC=0
                08                // M=0, PT=8 (PCMA)
                ff ff             // sequence number 65535
                ff ff ff ff       // timestamp 2^32-1
                00 00 00 2a       // SSRC 42
                """);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.NONE);
        assertThat(RtpHeader.payloadType(packet, 0)).isEqualTo(8);
        assertThat(RtpHeader.marker(packet, 0)).isFalse();
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isEqualTo(65535);
        assertThat(RtpHeader.timestamp(packet, 0)).isEqualTo(0xffffffffL);
        assertThat(RtpHeader.payloadLength(packet, 0, packet.length)).isZero();
    }

    @Test
    void shortPacketIsTooShort() {
        assertThatThrownBy(() -> RtpHeader.check(FULL, 0, 11))
                .isInstanceOf(RtpFormatException.class)
                .hasMessage("RTP fixed header needs 12 bytes, got 11")
                .extracting(e -> ((RtpFormatException) e).reason())
                .isEqualTo(DropReason.RTP_TOO_SHORT);
    }

    @Test
    void wrongVersionIsRejected() {
        byte[] packet = Arrays.copyOf(FULL, FULL.length);
        packet[0] = (byte) 0x72; // V=1
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTP_BAD_VERSION);
        assertThatThrownBy(() -> RtpHeader.check(packet, 0, packet.length)).hasMessage("RTP version must be 2, got 1");
    }

    @Test
    void truncatedCsrcListSaysHowManyBytesItNeeds() {
        byte[] packet = Hex.bytes("""
                83                // V=2, CC=3
                00 00 01          // M=0, PT=0, sequence number 1
                00 00 00 00       // timestamp 0
                00 00 00 01       // SSRC 1
                00 00 00 02       // CSRC[0]
                00 00 00          // CSRC[1], 3 of 4 bytes
                """);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTP_CSRC_TRUNCATED);
        assertThatThrownBy(() -> RtpHeader.check(packet, 0, packet.length))
                .hasMessage("CSRC list needs 12 bytes, got 7");
    }

    @Test
    void extensionLongerThanPacketIsTruncated() {
        assertThat(RtpHeader.validate(FULL, 0, 26)).isEqualTo(DropReason.RTP_EXTENSION_TRUNCATED);
        assertThatThrownBy(() -> RtpHeader.check(FULL, 0, 26)).hasMessage("header extension data needs 8 bytes, got 2");
        assertThatThrownBy(() -> RtpHeader.check(FULL, 0, 22))
                .hasMessage("header extension needs 4 bytes at offset 20, got 2");
    }

    @Test
    void extensionElementOverrunningItsBlockIsMalformed() {
        byte[] packet = Arrays.copyOf(FULL, FULL.length);
        packet[27] = 0x2f; // element ID 2 now claims 16 bytes in an 8-byte block
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTP_EXTENSION_ELEMENT_MALFORMED);
    }

    @Test
    void paddingCountMustFitThePayload() {
        byte[] packet = Arrays.copyOf(FULL, FULL.length);
        packet[packet.length - 1] = 6; // 6 > 3 payload + 2 padding bytes
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTP_BAD_PADDING);
        assertThatThrownBy(() -> RtpHeader.check(packet, 0, packet.length)).hasMessage("padding count 6 must be 1..5");
        packet[packet.length - 1] = 0;
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.RTP_BAD_PADDING);
        packet[packet.length - 1] = 5;
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.NONE);
        assertThat(RtpHeader.payloadLength(packet, 0, packet.length)).isZero();
    }
}
