package dev.parley.mixer.net;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the media workers' threads ({@code mixer-worker-*}). With a realtime priority each thread
 * first puts itself in SCHED_FIFO at that priority ({@link SchedFifo}), before its event loop
 * runs; where the kernel refuses, the first refusal is logged once with what allows it and the
 * threads go on with normal scheduling. The outcomes are guarded by this object's monitor.
 */
final class WorkerThreads extends DefaultThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerThreads.class);

    /** 0: normal scheduling; 1-99: SCHED_FIFO at that priority. */
    private final int realtimePriority;

    private final List<String> fifo = new ArrayList<>();
    private boolean refusalLogged;

    WorkerThreads(int realtimePriority) {
        super("mixer-worker", false, Thread.NORM_PRIORITY);
        this.realtimePriority = realtimePriority;
    }

    @Override
    protected Thread newThread(Runnable r, String name) {
        if (realtimePriority == 0) {
            return super.newThread(r, name);
        }
        return super.newThread(
                () -> {
                    record(name, SchedFifo.enter(realtimePriority));
                    r.run();
                },
                name);
    }

    private synchronized void record(String name, SchedFifo.Outcome outcome) {
        if (outcome instanceof SchedFifo.Entered entered) {
            fifo.add(entered.tid().isPresent() ? name + " (tid " + entered.tid().getAsLong() + ")" : name);
        } else if (outcome instanceof SchedFifo.Refused refused && !refusalLogged) {
            refusalLogged = true;
            LOG.warn(
                    "realtime: SCHED_FIFO priority {} refused: {}; the workers run with normal scheduling. To allow"
                            + " it, run as root, give the java binary the capability (setcap cap_sys_nice+ep), or"
                            + " set LimitRTPRIO={} in the systemd unit",
                    realtimePriority,
                    refused.reason(),
                    realtimePriority);
        }
    }

    /** The worker threads that run SCHED_FIFO, by name and kernel thread id. */
    synchronized List<String> fifoThreads() {
        return List.copyOf(fifo);
    }

    int realtimePriority() {
        return realtimePriority;
    }
}
