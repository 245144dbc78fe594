package dev.parley.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import org.junit.jupiter.api.Test;

class TelephoneEventTest {
    @Test
    void readsEveryField() {
        byte[] payload = Hex.bytes("""
                0b                // event 11: '#'
                8a                // E=1, R=0, volume 10 (-10 dBm0)
                03 20             // duration 800 units (100 ms at 8 kHz)
                """);
        assertThat(TelephoneEvent.validate(payload.length)).isEqualTo(DropReason.NONE);
        assertThat(TelephoneEvent.event(payload, 0)).isEqualTo(11);
        assertThat(TelephoneEvent.end(payload, 0)).isTrue();
        assertThat(TelephoneEvent.volume(payload, 0)).isEqualTo(10);
        assertThat(TelephoneEvent.duration(payload, 0)).isEqualTo(800);
        assertThat(TelephoneEvent.symbol(11)).isEqualTo('#');
    }

    @Test
    void reservedBitDoesNotLeakIntoVolume() {
        byte[] payload = Hex.bytes("""
                05                // event 5
                7f                // E=0, R=1 (reserved, ignored), volume 63
                00 a0             // duration 160
                """);
        assertThat(TelephoneEvent.end(payload, 0)).isFalse();
        assertThat(TelephoneEvent.volume(payload, 0)).isEqualTo(63);
    }

    @Test
    void writesTheSameBytes() {
        byte[] buf = new byte[4];
        assertThat(TelephoneEvent.write(buf, 0, 11, true, 10, 800)).isEqualTo(4);
        assertThat(buf).isEqualTo(Hex.bytes("0b 8a 03 20 // '#', E=1, volume 10, duration 800"));
    }

    @Test
    void mapsTheSixteenDtmfEvents() {
        StringBuilder keys = new StringBuilder();
        for (int event = 0; event < 16; event++) {
            keys.append(TelephoneEvent.symbol(event));
        }
        assertThat(keys).hasToString("0123456789*#ABCD");
        assertThat(TelephoneEvent.isDtmf(16)).isFalse();
        assertThatThrownBy(() -> TelephoneEvent.symbol(16)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TelephoneEvent.validate(3)).isEqualTo(DropReason.DTMF_PAYLOAD_TOO_SHORT);
    }
}
