package dev.parley.ua.control.hip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.Hex;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every HIP message against its bytes (draft-boyaci-avt-app-sharing-00 §6.2–6.8), both ways. */
class HipCodecTest {
    static final int PT = 100;
    static final ScreenSize SCREEN = new ScreenSize(1920, 1080);

    /** The RTP header all fixtures share: PT 100, sequence 0x1234, timestamp 0x00015f90, SSRC 0xcafebabe. */
    static final String RTP = """
            80                // V=2, P=0, X=0, CC=0
            64                // M=0 (§6.1.1), PT=100 (hip/90000 as negotiated)
            12 34             // sequence number 4660
            00 01 5f 90       // timestamp 90000 (one second at 90 kHz)
            ca fe ba be       // SSRC
            """;

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of(new HipMessage.MousePressed(MouseButton.LEFT, 640, 360), RTP + """
                        79                // Msg Type 121 MousePressed
                        01                // Parameter: button 1, left
                        00 00             // WindowID 0, the whole screen
                        00 00 02 80       // Left 640
                        00 00 01 68       // Top 360
                        """),
                Arguments.of(new HipMessage.MouseReleased(MouseButton.RIGHT, 1919, 0), RTP + """
                        7a                // Msg Type 122 MouseReleased
                        02                // Parameter: button 2, right
                        00 00             // WindowID 0
                        00 00 07 7f       // Left 1919, the last column
                        00 00 00 00       // Top 0
                        """),
                Arguments.of(new HipMessage.MousePressed(MouseButton.MIDDLE, 0, 1079), RTP + """
                        79                // Msg Type 121 MousePressed
                        03                // Parameter: button 3, middle
                        00 00             // WindowID 0
                        00 00 00 00       // Left 0
                        00 00 04 37       // Top 1079, the last row
                        """),
                Arguments.of(new HipMessage.MouseMoved(100, 200), RTP + """
                        7b                // Msg Type 123 MouseMoved
                        00                // Parameter unused
                        00 00             // WindowID 0
                        00 00 00 64       // Left 100
                        00 00 00 c8       // Top 200
                        """),
                Arguments.of(new HipMessage.MouseWheelMoved(10, 20, -240), RTP + """
                        7c                // Msg Type 124 MouseWheelMoved
                        00                // Parameter unused
                        00 00             // WindowID 0
                        00 00 00 0a       // Left 10
                        00 00 00 14       // Top 20
                        ff ff ff 10       // Distance -240: two notches toward the user (2's complement)
                        """),
                Arguments.of(new HipMessage.KeyPressed(0x70), RTP + """
                        7d                // Msg Type 125 KeyPressed
                        00                // Parameter unused
                        00 00             // WindowID 0
                        00 00 00 70       // KeyCode VK_F1 = 0x70 (the draft's own example)
                        """),
                Arguments.of(new HipMessage.KeyReleased(0x48), RTP + """
                        7e                // Msg Type 126 KeyReleased
                        00                // Parameter unused
                        00 00             // WindowID 0
                        00 00 00 48       // KeyCode VK_H = 0x48
                        """),
                Arguments.of(new HipMessage.KeyTyped("hé€"), RTP + """
                        7f                // Msg Type 127 KeyTyped
                        00                // Parameter unused
                        00 00             // WindowID 0
                        68                // 'h'
                        c3 a9             // 'é' in UTF-8
                        e2 82 ac          // '€' in UTF-8, no padding (§6.8)
                        """));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void writesTheFixture(HipMessage message, String hex) {
        byte[] expected = Hex.bytes(hex);
        byte[] buf = new byte[HipCodec.packetLength(message) + 3];

        int length = HipCodec.write(message, buf, 3, PT, 0x1234, 90000, 0xcafebabeL);

        assertThat(length).isEqualTo(expected.length).isEqualTo(HipCodec.packetLength(message));
        assertThat(Arrays.copyOfRange(buf, 3, 3 + length)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsTheFixture(HipMessage message, String hex) {
        byte[] packet = Hex.bytes(hex);
        HipDropCounters drops = new HipDropCounters();

        Optional<HipMessage> decoded = new HipDecoder(PT, SCREEN, drops).decode(packet, 0, packet.length);

        assertThat(decoded).contains(message);
        assertThat(drops.total()).isZero();
    }
}
