package dev.parley.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigitDetectorTest {
    private static final long MS = 1_000_000L;

    private final List<Digit> digits = new ArrayList<>();
    private final DigitDetector detector = new DigitDetector(digits::add, 300 * MS);
    private final byte[] payload = new byte[4];

    private void send(long timestamp, int event, boolean end, int duration, long atMs) {
        TelephoneEvent.write(payload, 0, event, end, 10, duration);
        detector.onPacket(timestamp, payload, 0, atMs * MS);
    }

    @Test
    void reportsOneDigitOnceDespiteThreeEndPackets() {
        send(1000, 1, false, 160, 0);
        send(1000, 1, false, 320, 20);
        assertThat(detector.inEvent()).isTrue();
        assertThat(digits).isEmpty();
        send(1000, 1, true, 480, 40);
        send(1000, 1, true, 480, 41); // retransmitted end (RFC 4733 §2.5.1.4)
        send(1000, 1, true, 480, 42);
        assertThat(digits).containsExactly(new Digit('1', 1, 10, 480, 1000, true));
        assertThat(detector.inEvent()).isFalse();
    }

    @Test
    void readsASequenceOfDigits() {
        long ts = 0;
        for (int event : new int[] {10, 0, 0, 11}) { // "*00#": a repeated digit gets a new timestamp
            send(ts, event, false, 160, ts / 8);
            send(ts, event, true, 800, ts / 8 + 100);
            send(ts, event, true, 800, ts / 8 + 101);
            ts += 1600;
        }
        assertThat(digits).extracting(Digit::symbol).containsExactly('*', '0', '0', '#');
        assertThat(digits).extracting(Digit::duration).containsOnly(800);
    }

    @Test
    void newEventEndsOneWhoseEndPacketsWereLost() {
        send(0, 5, false, 160, 0);
        send(0, 5, false, 320, 20);
        send(1600, 6, false, 160, 200);
        assertThat(digits).containsExactly(new Digit('5', 5, 10, 320, 0, false));
        send(1600, 6, true, 640, 260);
        assertThat(digits).extracting(Digit::symbol).containsExactly('5', '6');
    }

    @Test
    void silenceEndsAnEventAfterTheTimeout() {
        send(0, 9, false, 160, 0);
        detector.poll(299 * MS);
        assertThat(digits).isEmpty();
        detector.poll(300 * MS);
        assertThat(digits).containsExactly(new Digit('9', 9, 10, 160, 0, false));
        send(0, 9, true, 480, 310); // its late end packet changes nothing
        assertThat(digits).hasSize(1);
    }

    @Test
    void lateOrReorderedPacketsOfAnEndedEventAreIgnored() {
        send(100, 2, true, 400, 0);
        send(100, 2, false, 160, 5); // an earlier, reordered packet of the same event
        send(50, 3, false, 160, 6); // an older event
        assertThat(digits).extracting(Digit::symbol).containsExactly('2');
        assertThat(detector.inEvent()).isFalse();
    }

    @Test
    void durationIsTheLongestSeenEvenIfPacketsReorder() {
        send(0, 4, false, 480, 0);
        send(0, 4, false, 320, 1);
        send(0, 4, true, 640, 2);
        assertThat(digits.get(0).duration()).isEqualTo(640);
    }

    @Test
    void nonDtmfEventsAreIgnored() {
        send(0, 16, true, 800, 0); // event 16: flash
        assertThat(digits).isEmpty();
        assertThat(detector.inEvent()).isFalse();
    }
}
