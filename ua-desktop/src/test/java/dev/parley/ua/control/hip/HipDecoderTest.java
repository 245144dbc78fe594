package dev.parley.ua.control.hip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.Hex;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad frames are dropped and counted under their reason; nothing escapes the decoder. */
class HipDecoderTest {
    static final ScreenSize SCREEN = new ScreenSize(1920, 1080);

    static Stream<Arguments> badPackets() {
        return Stream.of(
                Arguments.of(HipDrop.RTP_MALFORMED, """
                        80 64 00 01 00 00 00 01 00 00 00   // 11 bytes: one short of the RTP fixed header
                        """),
                Arguments.of(HipDrop.RTP_MALFORMED, """
                        40 64 00 01 00 00 00 01 00 00 00 02  // V=1
                        7b 00 00 00 00 00 00 01 00 00 00 01  // a MouseMoved after it
                        """),
                Arguments.of(HipDrop.WRONG_PAYLOAD_TYPE, """
                        80 60 00 01 00 00 00 01 00 00 00 02  // PT 96, not the negotiated 100
                        7b 00 00 00 00 00 00 01 00 00 00 01  // MouseMoved (1,1)
                        """),
                Arguments.of(HipDrop.TOO_SHORT, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7b 00 00                             // 3 of the 4 common header bytes
                        """),
                Arguments.of(HipDrop.UNKNOWN_TYPE, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        02 80 00 00                          // Msg Type 2, RegionUpdate: remoting, not HIP
                        00 00 00 00 00 00 00 00              // Left, Top
                        """),
                Arguments.of(HipDrop.UNKNOWN_TYPE, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        80 00 00 00                          // Msg Type 128: unregistered
                        """),
                Arguments.of(HipDrop.WRONG_LENGTH, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7b 00 00 00                          // MouseMoved
                        00 00 00 01 00 00 00                 // Left 1, Top cut to 3 bytes
                        """),
                Arguments.of(HipDrop.WRONG_LENGTH, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7d 00 00 00                          // KeyPressed
                        00 00 00 41 00                       // KeyCode 'A' and one byte too many
                        """),
                Arguments.of(HipDrop.UNKNOWN_WINDOW, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7b 00 00 07                          // MouseMoved in WindowID 7
                        00 00 00 01 00 00 00 01              // Left 1, Top 1
                        """),
                Arguments.of(HipDrop.UNKNOWN_BUTTON, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        79 04 00 00                          // MousePressed, button 4: not negotiated
                        00 00 00 01 00 00 00 01              // Left 1, Top 1
                        """),
                Arguments.of(HipDrop.OUTSIDE_SCREEN, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        79 01 00 00                          // MousePressed left
                        00 00 07 80 00 00 00 01              // Left 1920: one past the last column
                        """),
                Arguments.of(HipDrop.OUTSIDE_SCREEN, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7b 00 00 00                          // MouseMoved
                        ff ff ff ff 00 00 00 01              // Left 4294967295 (or -1 read as signed)
                        """),
                Arguments.of(HipDrop.OUTSIDE_SCREEN, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7c 00 00 00                          // MouseWheelMoved
                        00 00 00 01 00 00 04 38 00 00 00 78  // Left 1, Top 1080: one past the last row
                        """),
                Arguments.of(HipDrop.BAD_KEY_CODE, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7e 00 00 00                          // KeyReleased
                        00 00 00 00                          // KeyCode 0, VK_UNDEFINED
                        """),
                Arguments.of(HipDrop.BAD_UTF8, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7f 00 00 00                          // KeyTyped
                        68 c3                                // 'h' then a lone UTF-8 lead byte
                        """),
                Arguments.of(HipDrop.EMPTY_TEXT, """
                        80 64 00 01 00 00 00 01 00 00 00 02  // RTP header, PT 100
                        7f 00 00 00                          // KeyTyped with no text
                        """));
    }

    @ParameterizedTest
    @MethodSource("badPackets")
    void dropsAndCountsUnderItsReason(HipDrop reason, String hex) {
        byte[] packet = Hex.bytes(hex);
        HipDropCounters drops = new HipDropCounters();
        HipDecoder decoder = new HipDecoder(100, SCREEN, drops);

        Optional<HipMessage> decoded = decoder.decode(packet, 0, packet.length);

        assertThat(decoded).isEmpty();
        assertThat(decoder.lastDrop()).isEqualTo(reason);
        assertThat(drops.get(reason)).isEqualTo(1);
        assertThat(drops.total()).isEqualTo(1);
    }

    @Test
    void rtpPaddingAndCsrcsAroundAValidMessageAreHonoured() {
        byte[] packet = Hex.bytes("""
                a1                   // V=2, P=1, X=0, CC=1
                64                   // M=0, PT=100
                00 01 00 00 00 01    // sequence 1, timestamp 1
                00 00 00 02          // SSRC 2
                00 00 00 09          // CSRC 9
                7b 00 00 00          // MouseMoved
                00 00 00 05          // Left 5
                00 00 00 06          // Top 6
                00 00 03             // 3 bytes of RTP padding
                """);

        Optional<HipMessage> decoded =
                new HipDecoder(100, SCREEN, new HipDropCounters()).decode(packet, 0, packet.length);

        assertThat(decoded).contains(new HipMessage.MouseMoved(5, 6));
    }
}
