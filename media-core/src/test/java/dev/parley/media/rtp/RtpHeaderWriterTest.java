package dev.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpHeaderWriterTest {
    @Test
    void writesTheBytesTheFixtureSpells() {
        byte[] buf = new byte[64];
        int len = RtpHeaderWriter.writeFixed(buf, 0, true, 0, 8000, 123456L, 0xdeadbeefL);
        len = RtpHeaderWriter.writeCsrcs(buf, 0, new long[] {1L, 0xfffffffeL}, 2);
        len = new HeaderExtensionWriter()
                .begin(buf, 0, true)
                .add(1, new byte[] {(byte) 0xaa}, 0, 1)
                .add(2, new byte[] {1, 2, 3}, 0, 3)
                .finish();
        buf[len++] = 0x11;
        len = RtpHeaderWriter.appendPadding(buf, 0, len, 3);
        byte[] expected = Hex.bytes("""
                b2 80 1f 40       // V=2, P=1, X=1, CC=2, M=1, PT=0, sequence number 8000
                00 01 e2 40       // timestamp 123456
                de ad be ef       // SSRC
                00 00 00 01       // CSRC[0]
                ff ff ff fe       // CSRC[1]
                be de 00 02       // one-byte form, 2 words
                10 aa             // ID 1, 1 byte
                22 01 02 03       // ID 2, 3 bytes
                00 00             // padding to 32 bits
                11                // payload
                00 00 03          // RTP padding, 3 bytes
                """);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(expected);
    }

    @Test
    void settersChangeOnlyTheirField() {
        byte[] buf = new byte[12];
        RtpHeaderWriter.writeFixed(buf, 0, false, 96, 1, 2L, 3L);
        RtpHeaderWriter.setMarker(buf, 0, true);
        RtpHeaderWriter.setPayloadType(buf, 0, 0);
        RtpHeaderWriter.setSequenceNumber(buf, 0, 65535);
        RtpHeaderWriter.setTimestamp(buf, 0, 0xffffffffL);
        RtpHeaderWriter.setSsrc(buf, 0, 0x80000000L);
        assertThat(RtpHeader.validate(buf, 0, 12)).isEqualTo(DropReason.NONE);
        assertThat(RtpHeader.marker(buf, 0)).isTrue();
        assertThat(RtpHeader.payloadType(buf, 0)).isZero();
        assertThat(RtpHeader.sequenceNumber(buf, 0)).isEqualTo(65535);
        assertThat(RtpHeader.timestamp(buf, 0)).isEqualTo(0xffffffffL);
        assertThat(RtpHeader.ssrc(buf, 0)).isEqualTo(0x80000000L);
        RtpHeaderWriter.setMarker(buf, 0, false);
        assertThat(RtpHeader.marker(buf, 0)).isFalse();
        assertThat(RtpHeader.payloadType(buf, 0)).isZero();
    }

    @Test
    void twoByteExtensionRoundTrips() {
        byte[] buf = new byte[64];
        RtpHeaderWriter.writeFixed(buf, 0, false, 100, 7, 0L, 9L);
        int len = new HeaderExtensionWriter()
                .begin(buf, 0, false)
                .add(200, new byte[0], 0, 0)
                .add(17, new byte[] {9, 8, 7, 6, 5}, 0, 5)
                .finish();
        assertThat(len).isEqualTo(12 + 4 + 12);
        assertThat(RtpHeader.validate(buf, 0, len)).isEqualTo(DropReason.NONE);
        HeaderExtensions cursor = new HeaderExtensions().reset(buf, 0);
        assertThat(cursor.find(17)).isTrue();
        assertThat(Arrays.copyOfRange(buf, cursor.dataOffset(), cursor.dataOffset() + cursor.dataLength()))
                .containsExactly(9, 8, 7, 6, 5);
    }

    @Test
    void rejectsValuesOutsideTheirField() {
        byte[] buf = new byte[64];
        RtpHeaderWriter.writeFixed(buf, 0, false, 0, 0, 0L, 0L);
        HeaderExtensionWriter writer = new HeaderExtensionWriter().begin(buf, 0, true);
        assertThatThrownBy(() -> writer.add(15, new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.add(1, new byte[17], 0, 17)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpHeaderWriter.writeCsrcs(buf, 0, new long[16], 16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpHeaderWriter.appendPadding(buf, 0, 12, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
