package dev.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import org.junit.jupiter.api.Test;

class HeaderExtensionsTest {
    private final HeaderExtensions cursor = new HeaderExtensions();

    @Test
    void walksOneByteElementsSkippingPadding() {
        byte[] packet = Hex.bytes("""
                90 6f 00 01       // V=2, X=1, PT=111, sequence number 1
                00 00 03 c0       // timestamp 960
                00 00 00 07       // SSRC 7
                be de 00 02       // one-byte form (RFC 8285 §4.2), 2 words
                10 ff             // ID 1 (audio level, RFC 6464), 1 byte: V=1, level 127
                00 00             // padding
                31 01 02          // ID 3, 2 bytes: 01 02
                00                // padding
                """);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.NONE);
        cursor.reset(packet, 0);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.id()).isEqualTo(1);
        assertThat(cursor.dataOffset()).isEqualTo(17);
        assertThat(cursor.dataLength()).isEqualTo(1);
        assertThat(packet[cursor.dataOffset()]).isEqualTo((byte) 0xff);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.id()).isEqualTo(3);
        assertThat(cursor.dataOffset()).isEqualTo(21);
        assertThat(cursor.dataLength()).isEqualTo(2);
        assertThat(cursor.next()).isFalse();
    }

    @Test
    void walksTwoByteElementsIncludingEmptyOnes() {
        byte[] packet = Hex.bytes("""
                90 60 00 02       // V=2, X=1, PT=96, sequence number 2
                00 00 00 00       // timestamp 0
                00 00 00 08       // SSRC 8
                10 03 00 02       // two-byte form (RFC 8285 §4.3), appbits 3, 2 words
                20 00             // ID 32, 0 bytes
                05 03 aa bb cc    // ID 5, 3 bytes: aa bb cc
                00                // padding
                """);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.NONE);
        cursor.reset(packet, 0);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.id()).isEqualTo(32);
        assertThat(cursor.dataLength()).isZero();
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.id()).isEqualTo(5);
        assertThat(cursor.dataLength()).isEqualTo(3);
        assertThat(packet[cursor.dataOffset() + 2]).isEqualTo((byte) 0xcc);
        assertThat(cursor.next()).isFalse();
        assertThat(cursor.reset(packet, 0).find(5)).isTrue();
        assertThat(cursor.reset(packet, 0).find(6)).isFalse();
    }

    @Test
    void idFifteenEndsOneByteProcessing() {
        byte[] packet = Hex.bytes("""
                90 00 00 01 00 00 00 00 00 00 00 01  // V=2, X=1, PT=0, seq 1, ts 0, SSRC 1
                be de 00 01       // one-byte form, 1 word
                10 aa             // ID 1, 1 byte
                f0 bb             // ID 15: stop here (RFC 8285 §4.2)
                """);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.NONE);
        cursor.reset(packet, 0);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.id()).isEqualTo(1);
        assertThat(cursor.next()).isFalse();
    }

    @Test
    void otherProfilesHaveNoElements() {
        byte[] packet = Hex.bytes("""
                90 00 00 01 00 00 00 00 00 00 00 01  // V=2, X=1, PT=0, seq 1, ts 0, SSRC 1
                ab cd 00 01       // profile 0xabcd, 1 word
                12 34 56 78       // opaque extension data
                """);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isEqualTo(DropReason.NONE);
        assertThat(cursor.reset(packet, 0).next()).isFalse();
    }

    @Test
    void packetWithoutExtensionHasNoElements() {
        byte[] packet = Hex.bytes("80 00 00 01 00 00 00 00 00 00 00 01 // V=2, PT=0, seq 1, ts 0, SSRC 1");
        assertThat(cursor.reset(packet, 0).next()).isFalse();
    }
}
