package dev.parley.mixer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLogTest {
    @Test
    void eventsAreNumberedAndReadAfterAPosition() throws Exception {
        EventLog log = new EventLog(8);
        log.add("dtmf", "r1", "p1-0", Map.of("key", "*"));
        log.add("dtmf", "r1", "p1-0", Map.of("key", "0"));

        assertThat(log.after(0, Duration.ZERO))
                .extracting(EventLog.Event::seq, e -> e.detail().get("key"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "*"), org.assertj.core.groups.Tuple.tuple(2L, "0"));
        assertThat(log.after(1, Duration.ZERO)).extracting(EventLog.Event::seq).containsExactly(2L);
        assertThat(log.last()).isEqualTo(2);
    }

    @Test
    void aFullRingKeepsTheNewest() throws Exception {
        EventLog log = new EventLog(3);
        for (int i = 0; i < 5; i++) {
            log.add("dtmf", "r1", "e", Map.of("key", Integer.toString(i)));
        }

        assertThat(log.after(0, Duration.ZERO)).extracting(EventLog.Event::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aLongPollReturnsAsSoonAsAnEventArrives() throws Exception {
        EventLog log = new EventLog(8);
        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return log.after(0, Duration.ofSeconds(20)).size();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(poll).isNotDone();

        log.add("dtmf", "r1", "e", Map.of("key", "5"));

        assertThat(poll.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void anEmptyPollEndsWhenItsWaitDoes() throws Exception {
        assertThat(new EventLog(8).after(0, Duration.ofMillis(50))).isEmpty();
    }
}
