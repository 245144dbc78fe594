package dev.parley.mixer.net;

import dev.parley.mixer.MixerConfig;
import dev.parley.mixer.audio.OpusCodecs;
import dev.parley.mixer.engine.DtmfListener;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.engine.SilenceListener;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The workers and the directory of which worker hosts which conference: the one entry point of
 * the control API into the media side. New conferences go to the worker with the fewest. Methods
 * are called from control threads and wait for the owning worker to run the change; the
 * directory is guarded by this object's monitor. Each worker is one thread of a Netty event loop
 * group, native epoll or NIO as configured.
 */
public final class MixerEngine implements AutoCloseable {
    private static final long TASK_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group;
    private final List<Worker> workers = new ArrayList<>();
    private final java.util.HashMap<String, Worker> directory = new java.util.HashMap<>();
    private final int[] hostedCount;
    private final OpusCodecs opus;
    private final WorkerThreads threads;

    public MixerEngine(MixerConfig config, DtmfListener dtmf, SilenceListener silence, LongSupplier nanoClock)
            throws IOException {
        // First, so that --opus libopus without a loadable libopus stops the start before any socket.
        this.opus = OpusCodecs.of(config.opus());
        PortAllocator ports = new PortAllocator(config.rtpBind(), config.rtpPorts());
        hostedCount = new int[config.workers()];
        this.threads = new WorkerThreads(config.realtimePriority());
        this.group = config.io() == MixerConfig.Io.EPOLL
                ? new EpollEventLoopGroup(config.workers(), threads)
                : new NioEventLoopGroup(config.workers(), threads);
        int i = 0;
        for (EventExecutor loop : group) {
            workers.add(new Worker(
                    i++,
                    (EventLoop) loop,
                    config.io(),
                    config.readBatch(),
                    ports,
                    dtmf,
                    silence,
                    config.rtpTimeout().toNanos(),
                    nanoClock,
                    opus));
        }
        // Every worker has started (and tried SCHED_FIFO) once it has answered a task.
        try {
            for (Worker w : workers) {
                await(w.call(() -> w));
            }
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Which worker threads run SCHED_FIFO at which priority, for the start-up log ({@code
     * SCHED_FIFO priority 10 for mixer-worker-1-1 (tid 4242), ...}); empty without {@code
     * --realtime-priority} or where the kernel refused it for every worker (that is logged once
     * as a warning).
     */
    public Optional<String> realtimeDescription() {
        List<String> fifo = threads.fifoThreads();
        if (fifo.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("SCHED_FIFO priority " + threads.realtimePriority() + " for " + String.join(", ", fifo));
    }

    /** The media worker threads that run SCHED_FIFO ({@code --realtime-priority}). */
    public int realtimeThreads() {
        return threads.fifoThreads().size();
    }

    /** The Opus the workers' endpoints get. */
    public OpusCodecs opus() {
        return opus;
    }

    /** Creates a conference; false when it already existed (creating again is allowed). */
    public boolean createConference(String id) throws IOException {
        Worker worker;
        synchronized (this) {
            Worker existing = directory.get(id);
            if (existing != null) {
                return false;
            }
            int least = 0;
            for (int i = 1; i < hostedCount.length; i++) {
                if (hostedCount[i] < hostedCount[least]) {
                    least = i;
                }
            }
            hostedCount[least]++;
            worker = workers.get(least);
            directory.put(id, worker);
        }
        return await(worker.call(() -> worker.createConference(id)));
    }

    public void deleteConference(String id) throws IOException, UnknownIdException {
        Worker worker;
        synchronized (this) {
            worker = directory.remove(id);
            if (worker == null) {
                throw new UnknownIdException("no conference '" + id + "'");
            }
            hostedCount[workers.indexOf(worker)]--;
        }
        await(worker.call(() -> worker.deleteConference(id)));
    }

    /** Adds an endpoint or replaces the one with the same id (keeping its ports). */
    public EndpointPorts putEndpoint(String conferenceId, EndpointSpec spec) throws IOException, UnknownIdException {
        Worker worker = workerOf(conferenceId);
        return await(worker.call(() -> worker.putEndpoint(conferenceId, spec)))
                .orElseThrow(() -> new UnknownIdException("no conference '" + conferenceId + "'"));
    }

    /** The current spec of an endpoint, for a partial update. */
    public EndpointSpec endpointSpec(String conferenceId, String endpointId) throws IOException, UnknownIdException {
        Worker worker = workerOf(conferenceId);
        Optional<EndpointSpec> current = await(worker.call(() -> worker.endpointSpec(conferenceId, endpointId)));
        return current.orElseThrow(
                () -> new UnknownIdException("no endpoint '" + endpointId + "' in conference '" + conferenceId + "'"));
    }

    public void removeEndpoint(String conferenceId, String endpointId) throws IOException, UnknownIdException {
        Worker worker = workerOf(conferenceId);
        if (!await(worker.call(() -> worker.removeEndpoint(conferenceId, endpointId)))) {
            throw new UnknownIdException("no endpoint '" + endpointId + "' in conference '" + conferenceId + "'");
        }
    }

    /** The endpoints of a conference, their ports and audio levels. */
    public Map<String, EndpointStatus> describe(String conferenceId) throws IOException, UnknownIdException {
        Worker worker = workerOf(conferenceId);
        return await(worker.call(() -> worker.describe(conferenceId)))
                .orElseThrow(() -> new UnknownIdException("no conference '" + conferenceId + "'"));
    }

    /** Every worker's figures, each copied on its own thread. */
    public List<WorkerSnapshot> snapshot() throws IOException {
        List<WorkerSnapshot> out = new ArrayList<>();
        for (Worker w : workers) {
            out.add(await(w.call(w::snapshot)));
        }
        return out;
    }

    private synchronized Worker workerOf(String conferenceId) throws UnknownIdException {
        Worker worker = directory.get(conferenceId);
        if (worker == null) {
            throw new UnknownIdException("no conference '" + conferenceId + "'");
        }
        return worker;
    }

    private static <T> T await(java.util.concurrent.Future<T> future) throws IOException {
        try {
            return future.get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a worker", e);
        } catch (TimeoutException e) {
            throw new IOException("worker did not answer in " + TASK_TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException(cause);
        }
    }

    /** Closes every worker's sockets on its own thread, then stops the threads. */
    @Override
    public void close() {
        for (Worker w : workers) {
            try {
                await(w.call(w::closeAll));
            } catch (IOException e) {
                // A stuck worker: its sockets close with the group below.
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
