package dev.parley.ua.control.hip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * Any byte stream read off the input connection, framed or not, yields messages that fit the
 * screen or counted drops, never an exception. Regression inputs live under {@code
 * src/test/resources/dev/parley/ua/control/hip/HipDecoderFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes for a minute.
 */
class HipDecoderFuzzTest {
    private static final ScreenSize SCREEN = new ScreenSize(1280, 720);

    @FuzzTest(maxDuration = "60s")
    void decodesOrCountsEveryFrame(byte[] stream) {
        HipDropCounters drops = new HipDropCounters();
        HipDecoder decoder = new HipDecoder(100, SCREEN, drops);
        Rfc4571Deframer deframer = new Rfc4571Deframer();
        long[] decoded = {0};
        byte[] reencoded = new byte[HipCodec.MAX_PACKET];
        deframer.feed(stream, 0, stream.length, (buf, off, len) -> {
            Optional<HipMessage> m = decoder.decode(buf, off, len);
            if (m.isPresent()) {
                decoded[0]++;
                checkOnScreen(m.get());
                // what was read writes back and reads again to the same message
                int n = HipCodec.write(m.get(), reencoded, 0, 100, 1, 1, 1);
                assertThat(decoder.decode(reencoded, 0, n)).isEqualTo(m);
            }
        });
        // and the same bytes as one unframed packet
        if (decoder.decode(stream, 0, stream.length).isPresent()) {
            decoded[0]++;
        }
        assertThat(decoded[0] + drops.total()).isEqualTo(deframer.packets() + 1);
    }

    private static void checkOnScreen(HipMessage m) {
        if (m instanceof HipMessage.MouseMoved p) {
            assertThat(SCREEN.contains(p.x(), p.y())).isTrue();
        } else if (m instanceof HipMessage.MousePressed p) {
            assertThat(SCREEN.contains(p.x(), p.y())).isTrue();
        } else if (m instanceof HipMessage.MouseReleased p) {
            assertThat(SCREEN.contains(p.x(), p.y())).isTrue();
        } else if (m instanceof HipMessage.MouseWheelMoved p) {
            assertThat(SCREEN.contains(p.x(), p.y())).isTrue();
        }
    }
}
