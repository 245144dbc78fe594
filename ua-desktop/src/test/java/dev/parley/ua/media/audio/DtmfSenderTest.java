package dev.parley.ua.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.dtmf.TelephoneEvent;
import org.junit.jupiter.api.Test;

class DtmfSenderTest {
    @Test
    void aKeyIsFivePacketsOfGrowingDurationThenThreeEndsThenAPause() {
        DtmfSender d = new DtmfSender();
        assertThat(d.press('x')).isFalse();
        assertThat(d.press('*')).isTrue();
        byte[] buf = new byte[16];
        for (int t = 0; t < 5; t++) {
            DtmfSender.Packet p = d.next(buf, 12, 160);
            assertThat(p.length()).isEqualTo(4);
            assertThat(p.marker()).isEqualTo(t == 0);
            assertThat(TelephoneEvent.event(buf, 12)).isEqualTo(10);
            assertThat(TelephoneEvent.end(buf, 12)).isFalse();
            assertThat(TelephoneEvent.duration(buf, 12)).isEqualTo(160 * (t + 1));
        }
        for (int t = 0; t < 3; t++) {
            DtmfSender.Packet p = d.next(buf, 12, 160);
            assertThat(p.length()).isEqualTo(4);
            assertThat(TelephoneEvent.end(buf, 12)).isTrue();
            assertThat(TelephoneEvent.duration(buf, 12)).isEqualTo(800);
        }
        assertThat(d.busy()).isTrue();
        for (int t = 0; t < 3; t++) {
            assertThat(d.next(buf, 12, 160).length()).isZero();
        }
        assertThat(d.busy()).isFalse();
        assertThat(DtmfSender.eventOf('#')).isEqualTo(11);
        assertThat(DtmfSender.eventOf('d')).isEqualTo(15);
    }
}
