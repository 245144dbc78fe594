package dev.parley.proxy.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WheelSipTimerTest {
    private final WheelSipTimer timer = new WheelSipTimer();

    /** A task that counts its runs and opens a latch at each. */
    private static final class Counting extends SIPStackTimerTask {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch latch;

        Counting(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public void runTask() {
            runs.incrementAndGet();
            latch.countDown();
        }

        @Override
        public Object getThreadHash() {
            return this;
        }
    }

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void aTaskRunsOnceAfterItsDelayAndACancelledOneNever() throws InterruptedException {
        timer.start(null, new Properties());
        Counting once = new Counting(1);
        Counting cancelled = new Counting(1);
        long start = System.nanoTime();
        assertThat(timer.schedule(once, 50)).isTrue();
        timer.schedule(cancelled, 50);
        assertThat(timer.cancel(cancelled)).isTrue();

        assertThat(once.latch.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(40);
        Thread.sleep(150);
        assertThat(once.runs).hasValue(1);
        assertThat(cancelled.runs).hasValue(0);
    }

    @Test
    void aPeriodicTaskRepeatsUntilCancelled() throws InterruptedException {
        timer.start(null, new Properties());
        Counting ticking = new Counting(3);
        timer.scheduleWithFixedDelay(ticking, 20, 20);

        assertThat(ticking.latch.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(timer.cancel(ticking)).isTrue();
        int after = ticking.runs.get();
        Thread.sleep(150);
        assertThat(ticking.runs.get()).isBetween(after, after + 1); // one may have been running
        assertThat(timer.cancel(ticking)).as("cancelled already").isFalse();
    }

    @Test
    void aFailingTaskLeavesTheTimerRunning() throws InterruptedException {
        timer.start(null, new Properties());
        timer.schedule(
                new SIPStackTimerTask() {
                    @Override
                    public void runTask() {
                        throw new IllegalStateException("boom");
                    }

                    @Override
                    public Object getThreadHash() {
                        return this;
                    }
                },
                10);
        Counting next = new Counting(1);
        timer.schedule(next, 60);
        assertThat(next.latch.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void nothingIsTakenOnceStopped() {
        timer.start(null, new Properties());
        assertThat(timer.isStarted()).isTrue();
        timer.stop();
        assertThat(timer.isStarted()).isFalse();
        assertThatThrownBy(() -> timer.schedule(new Counting(1), 10)).isInstanceOf(IllegalStateException.class);
    }
}
