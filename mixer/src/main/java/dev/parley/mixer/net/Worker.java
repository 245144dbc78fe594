package dev.parley.mixer.net;

import dev.parley.media.level.AudioLevel;
import dev.parley.mixer.engine.Conference;
import dev.parley.mixer.engine.DtmfListener;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.engine.EndpointState;
import dev.parley.mixer.engine.MediaCounters;
import dev.parley.mixer.engine.SilenceListener;
import dev.parley.mixer.engine.TickSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media thread: a selector over the sockets of its conferences, the 20 ms mix clock, and a
 * queue of control tasks. The thread owns every conference and socket it hosts; other threads
 * reach them only through {@link #call}, so the packet path takes no lock. Plain NIO, one
 * datagram per system call (recvmmsg/sendmmsg batching through Netty epoll is not done yet).
 */
final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int MAX_DATAGRAM = 2048;
    /** Datagrams read from one socket before the others get a turn. */
    private static final int READ_BUDGET = 64;
    /** How often endpoints are checked against the RTP timeout. */
    private static final long SILENCE_CHECK_NANOS = 1_000_000_000L;

    private final int index;
    private final PortAllocator ports;
    private final DtmfListener dtmf;
    private final SilenceListener silence;
    /** The RTP timeout in nanoseconds; 0 when off. */
    private final long rtpTimeoutNanos;

    private final LongSupplier clock;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<String, Hosted> conferences = new HashMap<>();
    private final MediaCounters counters = new MediaCounters();
    private final SplittableRandom random = new SplittableRandom();
    private final ByteBuffer rx = ByteBuffer.allocate(MAX_DATAGRAM);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private volatile boolean running = true;
    private long busyNanos;

    Worker(
            int index,
            PortAllocator ports,
            DtmfListener dtmf,
            SilenceListener silence,
            long rtpTimeoutNanos,
            LongSupplier clock)
            throws IOException {
        this.index = index;
        this.ports = ports;
        this.dtmf = dtmf;
        this.silence = silence;
        this.rtpTimeoutNanos = rtpTimeoutNanos;
        this.clock = clock;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "mixer-worker-" + index);
        thread.setDaemon(false);
        thread.start();
    }

    /** Runs {@code task} on this worker's thread. */
    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return result;
    }

    private void loop() {
        TickSchedule schedule = new TickSchedule(clock.getAsLong());
        long nextSilenceCheck = clock.getAsLong();
        try {
            while (running) {
                long wait = schedule.nanosUntilDue(clock.getAsLong());
                if (wait > 0) {
                    selector.select(Math.max(1, (wait + 999_999) / 1_000_000));
                } else {
                    selector.selectNow();
                }
                long start = clock.getAsLong();
                readReady(start);
                runTasks();
                if (schedule.nanosUntilDue(start) <= 0) {
                    long late = schedule.advance(start);
                    for (Hosted h : conferences.values()) {
                        h.conference.tick(start, ntpNow());
                        if (late > TickSchedule.LATE_NANOS) {
                            counters.add(MediaCounters.Count.MIX_TICKS_LATE);
                        }
                    }
                }
                if (rtpTimeoutNanos > 0 && start - nextSilenceCheck >= 0) {
                    nextSilenceCheck = start + SILENCE_CHECK_NANOS;
                    reportSilence(start);
                }
                busyNanos += clock.getAsLong() - start;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("worker {} stopped: {}", index, e.toString(), e);
        } finally {
            closeAll();
        }
    }

    /** Once a second, each endpoint silent for the RTP timeout is reported (once per silence). */
    private void reportSilence(long nowNanos) {
        for (Hosted h : conferences.values()) {
            for (EndpointState e : h.conference.newlySilent(nowNanos, rtpTimeoutNanos)) {
                silence.onSilent(h.conference.id(), e.id(), Conference.silentMillis(e, nowNanos));
            }
        }
    }

    /** The wallclock as a 64-bit NTP timestamp: seconds since 1900 and a binary fraction (RFC 3550 §4). */
    private static long ntpNow() {
        long millis = System.currentTimeMillis();
        long seconds = millis / 1000 + 2_208_988_800L;
        long fraction = ((millis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    private void readReady(long nowNanos) throws IOException {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            Hosted.Receiver receiver = (Hosted.Receiver) key.attachment();
            DatagramChannel channel = (DatagramChannel) key.channel();
            for (int n = 0; n < READ_BUDGET; n++) {
                rx.clear();
                SocketAddress source = channel.receive(rx);
                if (source == null) {
                    break;
                }
                receiver.hosted()
                        .conference
                        .onDatagram(
                                receiver.endpoint(),
                                receiver.rtcpPort(),
                                rx.array(),
                                0,
                                rx.position(),
                                (InetSocketAddress) source,
                                nowNanos);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    // The methods below run on the worker thread, through call().

    boolean createConference(String id) {
        if (conferences.containsKey(id)) {
            return false;
        }
        conferences.put(id, new Hosted(new Conference(id, counters, dtmf, random.split())));
        return true;
    }

    boolean deleteConference(String id) throws IOException {
        Hosted h = conferences.remove(id);
        if (h == null) {
            return false;
        }
        for (String endpoint : h.sockets.keySet().toArray(new String[0])) {
            release(h.closeEndpoint(endpoint));
        }
        return true;
    }

    /** Adds or replaces an endpoint; a replaced one keeps its ports. Empty when no such conference. */
    Optional<EndpointPorts> putEndpoint(String conferenceId, EndpointSpec spec) throws IOException {
        Hosted h = conferences.get(conferenceId);
        if (h == null) {
            return Optional.empty();
        }
        EndpointSockets existing = h.sockets.get(spec.id());
        if (existing != null && existing.muxed() == spec.rtcpMux()) {
            Optional<EndpointState> updated = h.conference.update(spec);
            if (updated.isPresent()) {
                return Optional.of(ports(existing, false));
            }
        }
        boolean created = existing == null;
        if (existing != null) {
            release(h.closeEndpoint(spec.id()));
            h.conference.remove(spec.id());
        }
        EndpointSockets sockets = new EndpointSockets(ports.open(!spec.rtcpMux()), tx);
        EndpointState state = h.conference.add(spec, sockets);
        SelectionKey rtpKey =
                sockets.rtp().register(selector, SelectionKey.OP_READ, new Hosted.Receiver(h, state, false));
        SelectionKey[] keys = sockets.muxed()
                ? new SelectionKey[] {rtpKey}
                : new SelectionKey[] {
                    rtpKey, sockets.rtcp().register(selector, SelectionKey.OP_READ, new Hosted.Receiver(h, state, true))
                };
        h.sockets.put(spec.id(), sockets);
        h.keys.put(spec.id(), keys);
        return Optional.of(ports(sockets, created));
    }

    Optional<EndpointSpec> endpointSpec(String conferenceId, String endpointId) {
        Hosted h = conferences.get(conferenceId);
        return h == null ? Optional.empty() : h.conference.endpoint(endpointId).map(EndpointState::spec);
    }

    Optional<Map<String, EndpointStatus>> describe(String conferenceId) {
        Hosted h = conferences.get(conferenceId);
        if (h == null) {
            return Optional.empty();
        }
        Map<String, EndpointStatus> out = new java.util.TreeMap<>();
        h.sockets.forEach((id, s) -> out.put(
                id,
                new EndpointStatus(
                        ports(s, false),
                        h.conference.endpoint(id).map(EndpointState::audioLevel).orElse(AudioLevel.SILENCE))));
        return Optional.of(out);
    }

    /** Removes an endpoint: false when the conference or the endpoint does not exist. */
    boolean removeEndpoint(String conferenceId, String endpointId) throws IOException {
        Hosted h = conferences.get(conferenceId);
        if (h == null || h.conference.remove(endpointId).isEmpty()) {
            return false;
        }
        release(h.closeEndpoint(endpointId));
        return true;
    }

    WorkerSnapshot snapshot() {
        int endpoints = 0;
        for (Hosted h : conferences.values()) {
            endpoints += h.conference.size();
        }
        return new WorkerSnapshot(index, conferences.size(), endpoints, busyNanos, counters.snapshot());
    }

    private EndpointPorts ports(EndpointSockets s, boolean created) {
        try {
            InetSocketAddress local = (InetSocketAddress) s.rtp().getLocalAddress();
            return new EndpointPorts(local.getAddress().getHostAddress(), s.rtpPort(), s.rtcpPort(), created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(int port) {
        if (port >= 0) {
            ports.release(port);
        }
    }

    private void closeAll() {
        for (String id : conferences.keySet().toArray(new String[0])) {
            try {
                deleteConference(id);
            } catch (IOException e) {
                LOG.warn("worker {}: closing conference {} failed: {}", index, id, e.toString());
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.warn("worker {}: closing selector failed: {}", index, e.toString());
        }
    }

    /** Stops the thread after its current loop and closes every socket it owns. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(5_000);
    }
}
