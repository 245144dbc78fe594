package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickScheduleTest {
    private static final long MS = 1_000_000L;

    @Test
    void ticksEvery20MillisecondsAndReportsLateness() {
        TickSchedule schedule = new TickSchedule(0);
        assertThat(schedule.nanosUntilDue(5 * MS)).isEqualTo(15 * MS);
        assertThat(schedule.advance(20 * MS)).isZero();
        assertThat(schedule.nanosUntilDue(20 * MS)).isEqualTo(20 * MS);
        assertThat(schedule.advance(47 * MS)).isEqualTo(7 * MS);
        // The next deadline stays on the 20 ms grid: 60 ms.
        assertThat(schedule.nanosUntilDue(47 * MS)).isEqualTo(13 * MS);
    }

    @Test
    void aStallSkipsTheMissedTicksInsteadOfBursting() {
        TickSchedule schedule = new TickSchedule(0);
        assertThat(schedule.advance(200 * MS)).isEqualTo(180 * MS);
        assertThat(schedule.nanosUntilDue(200 * MS)).isEqualTo(20 * MS);
        // Off the grid, the next deadline is still one of the grid's: 260 ms, not 225.
        assertThat(schedule.advance(245 * MS)).isEqualTo(25 * MS);
        assertThat(schedule.deadline()).isEqualTo(260 * MS);
    }
}
