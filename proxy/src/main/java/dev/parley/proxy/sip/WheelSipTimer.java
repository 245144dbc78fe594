package dev.parley.proxy.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.util.Properties;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP stack's timers (retransmissions, Timers B to K, lingering transactions) on a hashed
 * wheel: scheduling and cancelling cost the same however many transactions are live. jain-sip's
 * default is a {@link java.util.Timer}, a binary heap under one lock: at 2,000 calls/s it holds
 * tens of thousands of tasks, and every transaction's periodic tick moves one of them through the
 * heap. jain-sip makes one of these by name ({@code gov.nist.javax.sip.TIMER_CLASS_NAME}); the
 * tasks run one at a time on the wheel's thread, as they did on the {@link java.util.Timer}'s.
 */
public final class WheelSipTimer implements SipTimer {
    private static final Logger LOG = LoggerFactory.getLogger("sip");
    /** SIP's shortest timer is T1/2 and its timers are counted in ticks of 500 ms or T1: 10 ms is close enough. */
    private static final long TICK_MS = 10;
    /** 512 × 10 ms: a 5 s turn, so Timer J (5 s) and the 8 s linger pass the wheel about once. */
    private static final int TICKS_PER_WHEEL = 512;

    private final AtomicBoolean started = new AtomicBoolean();
    private final HashedWheelTimer wheel =
            new HashedWheelTimer(named("sip-timer"), TICK_MS, TimeUnit.MILLISECONDS, TICKS_PER_WHEEL, false);

    @Override
    public void start(SipStackImpl stack, Properties properties) {
        started.set(true);
        wheel.start();
    }

    @Override
    public void stop() {
        started.set(false);
        wheel.stop();
    }

    @Override
    public boolean isStarted() {
        return started.get();
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMs) {
        ensureStarted();
        task.setSipTimerTask(wheel.newTimeout(t -> run(task), delayMs, TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMs, long periodMs) {
        ensureStarted();
        Periodic periodic = new Periodic(task, periodMs);
        task.setSipTimerTask(periodic);
        periodic.next = wheel.newTimeout(periodic, delayMs, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        Object handle = task.getSipTimerTask();
        if (handle instanceof Periodic p) {
            return p.cancel();
        }
        return handle instanceof Timeout t && t.cancel();
    }

    private void ensureStarted() {
        if (!started.get()) {
            // As jain-sip's own timers answer a task scheduled after the stack stopped.
            throw new IllegalStateException("the SIP stack's timer has been stopped, no new tasks can be scheduled");
        }
    }

    private static void run(SIPStackTimerTask task) {
        try {
            task.runTask();
        } catch (RuntimeException | Error e) {
            LOG.warn("SIP timer task {} failed: {}", task.getClass().getName(), e.toString());
        }
    }

    /** A task run every {@code periodMs} after each run ends, until cancelled. */
    private final class Periodic implements TimerTask {
        private final SIPStackTimerTask task;
        private final long periodMs;
        private volatile boolean cancelled;
        private volatile @Nullable Timeout next;

        Periodic(SIPStackTimerTask task, long periodMs) {
            this.task = task;
            this.periodMs = periodMs;
        }

        @Override
        public void run(Timeout timeout) {
            if (cancelled) {
                return;
            }
            WheelSipTimer.run(task);
            if (!cancelled && started.get()) {
                next = wheel.newTimeout(this, periodMs, TimeUnit.MILLISECONDS);
            }
        }

        boolean cancel() {
            boolean was = !cancelled;
            cancelled = true;
            Timeout t = next;
            if (t != null) {
                t.cancel();
            }
            return was;
        }
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
