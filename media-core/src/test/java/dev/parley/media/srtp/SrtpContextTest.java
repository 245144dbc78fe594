package dev.parley.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Vectors: RFC 3711 Appendix B.3 (key derivation) and libSRTP's srtp_validate (packets). */
class SrtpContextTest {
    private static final byte[] MASTER_KEY = Hex.bytes("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0ec675ad498afeebb6960b3aabe6");

    private static final byte[] RTP = Hex.bytes("""
            80 0f 12 34       // V=2, PT=15, sequence number 0x1234
            de ca fb ad       // timestamp
            ca fe ba be       // SSRC 0xcafebabe
            ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab  // payload
            """);
    private static final byte[] SRTP = Hex.bytes("""
            80 0f 12 34 de ca fb ad ca fe ba be  // header, in the clear
            4e 55 dc 4c e7 99 78 d8 8c a4 d2 15 94 9d 24 02  // encrypted payload
            b7 8d 6a cc 99 ea 17 9b 8d bb  // HMAC-SHA1-80 tag over header, payload, ROC 0
            """);
    private static final byte[] RTCP = Hex.bytes("""
            81 c8 00 0b ca fe ba be  // SR header, sender SSRC 0xcafebabe (in the clear)
            ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab  // rest of the packet
            """);
    private static final byte[] SRTCP = Hex.bytes("""
            81 c8 00 0b ca fe ba be  // header and SSRC, in the clear
            71 28 03 5b e4 87 b9 bd be f8 90 41 f9 77 a5 a8  // encrypted rest
            80 00 00 01       // E=1, SRTCP index 1
            99 3e 08 cd 54 d6 c1 23 07 98  // HMAC-SHA1-80 tag
            """);

    private static SrtpContext context(SrtpProfile profile) {
        return new SrtpContext(profile, MASTER_KEY, MASTER_SALT, 4);
    }

    @Test
    void derivesTheSessionKeysOfRfc3711AppendixB3() {
        assertThat(AesCounterMode.derive(MASTER_KEY, MASTER_SALT, 0, 16))
                .isEqualTo(Hex.bytes("c61e7a93744f39ee10734afe3ff7a087"));
        assertThat(AesCounterMode.derive(MASTER_KEY, MASTER_SALT, 2, 14))
                .isEqualTo(Hex.bytes("30cbbc08863d8c85d49db34a9ae1"));
        assertThat(AesCounterMode.derive(MASTER_KEY, MASTER_SALT, 1, 20))
                .isEqualTo(Hex.bytes("cebe321f6ff7716b6fd4ab49af256a156d38baa4"));
    }

    @Test
    void protectsRtpAsLibSrtpDoes() {
        byte[] buf = Arrays.copyOf(RTP, 64);
        int len = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80).protectRtp(buf, 0, RTP.length);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(SRTP);

        byte[] short32 = Arrays.copyOf(RTP, 64);
        int len32 = context(SrtpProfile.AES_CM_128_HMAC_SHA1_32).protectRtp(short32, 0, RTP.length);
        assertThat(Arrays.copyOf(short32, len32)).isEqualTo(Arrays.copyOf(SRTP, 32));
    }

    @Test
    void unprotectsRtpAndRejectsReplayAndTampering() {
        SrtpContext receiver = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        byte[] buf = SRTP.clone();
        assertThat(receiver.unprotectRtp(buf, 0, buf.length)).isEqualTo(DropReason.NONE);
        assertThat(Arrays.copyOf(buf, receiver.lastLength())).isEqualTo(RTP);
        byte[] again = SRTP.clone();
        assertThat(receiver.unprotectRtp(again, 0, again.length)).isEqualTo(DropReason.SRTP_REPLAYED);

        byte[] tampered = SRTP.clone();
        tampered[20] ^= 1;
        assertThat(context(SrtpProfile.AES_CM_128_HMAC_SHA1_80).unprotectRtp(tampered, 0, tampered.length))
                .isEqualTo(DropReason.SRTP_AUTH_FAILED);
        assertThat(receiver.unprotectRtp(SRTP.clone(), 0, 21)).isEqualTo(DropReason.SRTP_TOO_SHORT);
    }

    @Test
    void unprotectsAndProtectsRtcpAsLibSrtpDoes() {
        SrtpContext receiver = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        byte[] buf = SRTCP.clone();
        assertThat(receiver.unprotectRtcp(buf, 0, buf.length)).isEqualTo(DropReason.NONE);
        assertThat(Arrays.copyOf(buf, receiver.lastLength())).isEqualTo(RTCP);
        assertThat(receiver.unprotectRtcp(SRTCP.clone(), 0, SRTCP.length)).isEqualTo(DropReason.SRTP_REPLAYED);

        SrtpContext sender = context(SrtpProfile.AES_CM_128_HMAC_SHA1_32); // SRTCP keeps 80 bits
        byte[] first = Arrays.copyOf(RTCP, 64);
        sender.protectRtcp(first, 0, RTCP.length); // index 0 (RFC 3711 §3.4)
        byte[] second = Arrays.copyOf(RTCP, 64);
        int len = sender.protectRtcp(second, 0, RTCP.length); // index 1, as in libSRTP's vector
        assertThat(Arrays.copyOf(second, len)).isEqualTo(SRTCP);
    }

    @Test
    void followsTheRolloverCounterAcrossTheSequenceWrapAndReordering() {
        SrtpContext sender = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        SrtpContext receiver = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        int[] sequences = {65533, 65534, 65535, 0, 1, 2};
        byte[][] packets = new byte[sequences.length][];
        for (int i = 0; i < sequences.length; i++) {
            byte[] buf = new byte[64];
            RtpHeaderWriter.writeFixed(buf, 0, false, 0, sequences[i], 160L * i, 7L);
            Arrays.fill(buf, 12, 32, (byte) i);
            int len = sender.protectRtp(buf, 0, 32);
            packets[i] = Arrays.copyOf(buf, len);
        }
        for (int i : new int[] {0, 1, 3, 2, 5, 4}) { // 65535 arrives after 0; 2 after 1's successor
            byte[] buf = packets[i].clone();
            assertThat(receiver.unprotectRtp(buf, 0, buf.length))
                    .as("packet %d", i)
                    .isEqualTo(DropReason.NONE);
            assertThat(RtpHeader.sequenceNumber(buf, 0)).isEqualTo(sequences[i]);
            assertThat(buf[31]).isEqualTo((byte) i);
        }
        assertThat(receiver.unprotectRtp(packets[3].clone(), 0, packets[3].length))
                .isEqualTo(DropReason.SRTP_REPLAYED);
    }

    @Test
    void replayWindowForgetsIndicesFarBehind() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.isFresh(100)).isTrue();
        window.accept(100);
        assertThat(window.isFresh(100)).isFalse();
        assertThat(window.isFresh(37)).isTrue(); // 63 behind: still inside the window
        assertThat(window.isFresh(36)).isFalse(); // 64 behind: too old
        window.accept(200);
        assertThat(window.isFresh(100)).isFalse();
        assertThat(window.isFresh(199)).isTrue();
    }
}
