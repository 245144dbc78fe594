package dev.parley.mixer.net;

import dev.parley.media.level.AudioLevel;
import dev.parley.mixer.MixerConfig;
import dev.parley.mixer.audio.OpusCodecs;
import dev.parley.mixer.engine.Conference;
import dev.parley.mixer.engine.DtmfListener;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.engine.EndpointState;
import dev.parley.mixer.engine.MediaCounters;
import dev.parley.mixer.engine.MixerDrop;
import dev.parley.mixer.engine.SilenceListener;
import dev.parley.mixer.engine.TickSchedule;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media thread: a Netty event loop (native epoll or NIO) with the sockets of its
 * conferences, the 20 ms mix clock and the control tasks. The loop owns every conference and
 * socket it hosts; other threads reach them only through {@link #call}, so the packet path takes
 * no lock. Datagrams arrive in pooled buffers, one per system call (each endpoint has its own
 * socket at 50 packets/s, so a batching recvmmsg would find one datagram, and Netty's recvmmsg
 * costs a getsockopt besides), and are copied into one worker-owned array for the engine; what
 * the engine sends is queued per channel and flushed once per read batch and once per tick
 * (sendmmsg with epoll when several wait). With epoll a latched port's channel is connected to
 * its peer ({@link EndpointSockets}), which keeps per-packet garbage off the path. Each
 * conference is mixed every 20 ms at its own place in the period ({@link #phaseFor}), and the
 * mixing runs in slices of at most {@link #SLICE_NANOS} with the sockets served in between, so a
 * busy moment does not hold up forwarding.
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int MAX_DATAGRAM = 2048;
    /** Socket buffers sized for bursts of a few hundred packets per socket. */
    private static final int SOCKET_BUFFER = 1 << 18;
    /** Mixing done in one piece before the loop turns to its sockets again (a slice mixes at least one conference). */
    static final long SLICE_NANOS = 200_000L;
    /** The places in the 20 ms period a conference's mix can take, 1 ms apart. */
    static final int PHASES = 20;
    /** The slots in the order new conferences take them: each next one halves the largest gap. */
    private static final int[] PHASE_ORDER = {0, 10, 5, 15, 3, 13, 8, 18, 1, 11, 6, 16, 4, 14, 9, 19, 2, 12, 7, 17};
    /** How often endpoints are checked against the RTP timeout. */
    private static final long SILENCE_CHECK_NANOS = 1_000_000_000L;

    private final int index;
    private final EventLoop loop;
    private final MixerConfig.Io io;
    /** Datagrams one epoll read may take ({@code --read-batch}): 1 reads with recv/recvmsg, more with recvmmsg. */
    private final int readBatch;

    private final PortAllocator ports;
    private final DtmfListener dtmf;
    private final SilenceListener silence;
    private final OpusCodecs opus;
    /** The RTP timeout in nanoseconds; 0 when off. */
    private final long rtpTimeoutNanos;

    private final LongSupplier clock;
    private final Map<String, Hosted> conferences = new HashMap<>();
    private final MediaCounters counters = new MediaCounters();
    private final SplittableRandom random = new SplittableRandom();
    private final byte[] rx = new byte[MAX_DATAGRAM];
    /** Endpoints with datagrams queued since the last flush. */
    private final List<EndpointSockets> dirty = new ArrayList<>();

    private final Runnable tickTask = this::tick;
    /** The conferences this worker mixes, each with its own place in the 20 ms period. */
    private final List<Hosted> order = new ArrayList<>();
    /** Where this worker's period starts: phase k of a conference is {@code anchor + k} on the 20 ms grid. */
    private final long anchor;
    /** The deadline the one pending wake-up was set for, or {@link Long#MAX_VALUE} when none is. */
    private long wakeAt = Long.MAX_VALUE;

    private @Nullable ScheduledFuture<?> wake;
    private long nextSilenceCheck;
    private long busyNanos;
    private long readStart;
    private boolean reading;
    private boolean closed;

    Worker(
            int index,
            EventLoop loop,
            MixerConfig.Io io,
            int readBatch,
            PortAllocator ports,
            DtmfListener dtmf,
            SilenceListener silence,
            long rtpTimeoutNanos,
            LongSupplier clock,
            OpusCodecs opus) {
        this.opus = opus;
        this.readBatch = readBatch;
        this.index = index;
        this.loop = loop;
        this.io = io;
        this.ports = ports;
        this.dtmf = dtmf;
        this.silence = silence;
        this.rtpTimeoutNanos = rtpTimeoutNanos;
        this.clock = clock;
        // The workers' periods are staggered by an eighth, so their first rooms are not mixed at
        // the same moment: while one worker mixes, the other core stays free for the rest.
        this.anchor = clock.getAsLong() + index * (TickSchedule.PERIOD_NANOS / 8);
        this.nextSilenceCheck = anchor;
        loop.execute(this::scheduleTick);
    }

    /** Runs {@code task} on this worker's thread. */
    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            long start = clock.getAsLong();
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
            flushAll();
            busyNanos += clock.getAsLong() - start;
        });
        return result;
    }

    /**
     * Makes sure the loop wakes for the earliest deadline of its conferences (or in one period
     * when it has none, for the RTP timeout check): one wake-up is pending at a time, moved
     * earlier when a new conference is due before it.
     */
    private void scheduleTick() {
        if (closed) {
            return;
        }
        long next = anchor + TickSchedule.PERIOD_NANOS * (1 + (clock.getAsLong() - anchor) / TickSchedule.PERIOD_NANOS);
        for (int i = 0; i < order.size(); i++) {
            long due = order.get(i).schedule.deadline();
            if (due - next < 0) {
                next = due;
            }
        }
        if (wake != null && wakeAt - next <= 0) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = next;
        wake = loop.schedule(tickTask, Math.max(0, next - clock.getAsLong()), TimeUnit.NANOSECONDS);
    }

    /**
     * Mixes the conferences that are due, in deadline order, for up to {@link #SLICE_NANOS}
     * (at least one), sends what they made, and leaves the rest for after the loop's next look
     * at its sockets: a task scheduled now runs only after the next poll, so datagrams that
     * arrived meanwhile are forwarded before the mixing goes on. Each conference has its own
     * deadline, spread over the period ({@link #phaseFor}), so a worker's mixing is not one
     * burst every 20 ms: an Opus room takes milliseconds of codec work, and rooms due at the
     * same instant would make each one after the first later by all the work before it. A mix
     * that starts more than 5 ms after its own deadline is counted late. Once a second the tick
     * also runs the RTP timeout check.
     */
    private void tick() {
        wake = null;
        wakeAt = Long.MAX_VALUE;
        long start = clock.getAsLong();
        long now = start;
        try {
            if (rtpTimeoutNanos > 0 && start - nextSilenceCheck >= 0) {
                nextSilenceCheck = start + SILENCE_CHECK_NANOS;
                reportSilence(start);
            }
            Hosted h;
            do {
                h = nextDue(now);
                if (h == null) {
                    break;
                }
                if (h.schedule.advance(now) > TickSchedule.LATE_NANOS) {
                    counters.add(MediaCounters.Count.MIX_TICKS_LATE);
                }
                try {
                    h.conference.tick(now, ntpNow());
                } catch (RuntimeException e) {
                    LOG.error("worker {}: mix of {} failed: {}", index, h.conference.id(), e.toString(), e);
                }
                now = clock.getAsLong();
            } while (now - start < SLICE_NANOS);
            flushAll();
        } catch (RuntimeException e) {
            LOG.error("worker {}: tick failed: {}", index, e.toString(), e);
        } finally {
            busyNanos += clock.getAsLong() - start;
            if (!closed && nextDue(clock.getAsLong()) != null) {
                wakeAt = clock.getAsLong();
                wake = loop.schedule(tickTask, 0, TimeUnit.NANOSECONDS);
            } else {
                scheduleTick();
            }
        }
    }

    /** The due conference with the earliest deadline, or null when none is due at {@code now}. */
    private @Nullable Hosted nextDue(long now) {
        Hosted first = null;
        for (int i = 0; i < order.size(); i++) {
            Hosted h = order.get(i);
            long due = h.schedule.deadline();
            if (now - due >= 0 && (first == null || due - first.schedule.deadline() < 0)) {
                first = h;
            }
        }
        return first;
    }

    /**
     * The place in the period for a new conference: the least used of {@link #PHASES} slots,
     * taken in an order that halves the gaps (0, 10, 5, 15 ms, ...), so a few rooms are as
     * far apart as they can be and many share the load evenly.
     */
    private long phaseFor() {
        int[] used = new int[PHASES];
        long slot = TickSchedule.PERIOD_NANOS / PHASES;
        for (int i = 0; i < order.size(); i++) {
            long offset = Math.floorMod(order.get(i).schedule.deadline() - anchor, TickSchedule.PERIOD_NANOS);
            used[(int) (offset / slot)]++;
        }
        int best = PHASE_ORDER[0];
        for (int k : PHASE_ORDER) {
            if (used[k] < used[best]) {
                best = k;
            }
        }
        return best * slot;
    }

    /** Once a second, each endpoint silent for the RTP timeout is reported (once per silence). */
    private void reportSilence(long nowNanos) {
        for (int i = 0; i < order.size(); i++) {
            Hosted h = order.get(i);
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

    void needsFlush(EndpointSockets sockets) {
        dirty.add(sockets);
    }

    private void flushAll() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }

    /**
     * The inbound end of one channel's pipeline: hands each datagram to the engine and, at the
     * end of the read batch, flushes what the engine queued. Its endpoint is set once the
     * endpoint exists (on this thread); a datagram before that is dropped.
     */
    private final class Receiver extends ChannelInboundHandlerAdapter {
        private final boolean rtcpPort;
        private @Nullable Hosted hosted;
        private @Nullable EndpointState endpoint;

        Receiver(boolean rtcpPort) {
            this.rtcpPort = rtcpPort;
        }

        void attach(Hosted hosted, EndpointState endpoint) {
            this.hosted = hosted;
            this.endpoint = endpoint;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!reading) {
                reading = true;
                readStart = clock.getAsLong();
            }
            DatagramPacket packet = (DatagramPacket) msg;
            try {
                Hosted h = hosted;
                EndpointState e = endpoint;
                if (h == null || e == null) {
                    counters.add(MediaCounters.Count.PACKETS_IN);
                    counters.drop(MixerDrop.UNEXPECTED_SOURCE);
                    return;
                }
                ByteBuf content = packet.content();
                int len = Math.min(content.readableBytes(), rx.length);
                content.getBytes(content.readerIndex(), rx, 0, len);
                h.conference.onDatagram(e, rtcpPort, rx, 0, len, packet.sender(), readStart);
            } finally {
                packet.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushAll();
            if (reading) {
                reading = false;
                busyNanos += clock.getAsLong() - readStart;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A failed send (voidPromise) or read: counted, never logged per packet.
            counters.drop(MixerDrop.SEND_FAILED);
        }
    }

    /**
     * One read of up to {@code bytes} per ready socket and wake-up. Reading on until the socket
     * is empty costs a second read that finds nothing, on sockets that get one packet every
     * 20 ms; a socket with more waiting is ready again at the next (level-triggered) poll.
     */
    private static FixedRecvByteBufAllocator oneReadPerWakeUp(int bytes) {
        FixedRecvByteBufAllocator allocator = new FixedRecvByteBufAllocator(bytes);
        allocator.maxMessagesPerRead(1);
        return allocator;
    }

    /** Binds one datagram channel on this worker's loop; null when the port is taken. On the loop thread. */
    private @Nullable Channel bind(InetSocketAddress local, boolean rtcpPort) throws IOException {
        InternetProtocolFamily family =
                local.getAddress() instanceof Inet4Address ? InternetProtocolFamily.IPv4 : InternetProtocolFamily.IPv6;
        Channel channel;
        if (io == MixerConfig.Io.EPOLL) {
            EpollDatagramChannel epoll = new EpollDatagramChannel(family);
            if (readBatch == 1) {
                // One datagram per read: recvmsg, or recv once connected (no sender address to
                // build). Netty's recvmmsg adds a getsockopt to every call and would find one
                // datagram here anyway. MAX_DATAGRAM_PAYLOAD_SIZE stays 0: set, it makes Netty
                // take a connected read as "maybe more waiting" and read again, finding nothing.
                epoll.config().setRecvByteBufAllocator(oneReadPerWakeUp(MAX_DATAGRAM));
            } else {
                // recvmmsg: up to readBatch datagrams of at most MAX_DATAGRAM bytes per call.
                epoll.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
                epoll.config().setRecvByteBufAllocator(oneReadPerWakeUp(MAX_DATAGRAM * readBatch));
            }
            // Level-triggered: one read per ready socket and wake-up. Edge-triggered would
            // read again until EAGAIN, a second system call per wake-up for sockets that get one
            // packet every 20 ms, which is what a media socket mostly gets.
            epoll.config().setEpollMode(EpollMode.LEVEL_TRIGGERED);
            channel = epoll;
        } else {
            NioDatagramChannel nio = new NioDatagramChannel(family);
            nio.config().setRecvByteBufAllocator(oneReadPerWakeUp(MAX_DATAGRAM));
            channel = nio;
        }
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        // Active from registration on, so that disconnecting (when a latch restarts) leaves the
        // channel active and sending.
        channel.config().setOption(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true);
        channel.config().setOption(ChannelOption.SO_RCVBUF, SOCKET_BUFFER);
        channel.config().setOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER);
        channel.pipeline().addLast(new Receiver(rtcpPort));
        // On the loop's own thread, register and bind run at once and their futures are done.
        ChannelFuture registered = loop.register(channel);
        if (registered.cause() != null) {
            channel.unsafe().closeForcibly();
            throw new IOException("cannot register a media socket: " + registered.cause(), registered.cause());
        }
        ChannelFuture bound = channel.bind(local);
        Throwable failed = bound.isDone() ? bound.cause() : new IOException("bind did not complete on the loop");
        if (failed != null) {
            channel.close();
            if (PortAllocator.portTaken(failed)) {
                return null;
            }
            throw new IOException("cannot bind " + local + ": " + failed, failed);
        }
        return channel;
    }

    // The methods below run on the worker thread, through call().

    boolean createConference(String id) {
        if (conferences.containsKey(id)) {
            return false;
        }
        long now = clock.getAsLong();
        long phase = anchor + phaseFor();
        long first = phase + TickSchedule.PERIOD_NANOS * (1 + Math.floorDiv(now - phase, TickSchedule.PERIOD_NANOS));
        Hosted h = new Hosted(
                new Conference(id, counters, dtmf, random.split(), opus),
                new TickSchedule(first - TickSchedule.PERIOD_NANOS));
        conferences.put(id, h);
        order.add(h);
        scheduleTick();
        return true;
    }

    boolean deleteConference(String id) {
        Hosted h = conferences.remove(id);
        if (h == null) {
            return false;
        }
        order.remove(h);
        for (String endpoint : h.sockets.keySet().toArray(new String[0])) {
            release(h.closeEndpoint(endpoint));
        }
        h.conference.close();
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
        // The RTP port is even and its RTCP port the odd one above (PortAllocator).
        List<Channel> channels = ports.open(!spec.rtcpMux(), local -> bind(local, (local.getPort() & 1) == 1));
        EndpointSockets sockets = new EndpointSockets(channels, this, io == MixerConfig.Io.EPOLL);
        EndpointState state = h.conference.add(spec, sockets);
        for (Channel c : channels) {
            Receiver receiver = c.pipeline().get(Receiver.class);
            if (receiver != null) {
                receiver.attach(h, state);
            }
        }
        h.sockets.put(spec.id(), sockets);
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
    boolean removeEndpoint(String conferenceId, String endpointId) {
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
        return new EndpointPorts(ports.address().getHostAddress(), s.rtpPort(), s.rtcpPort(), created);
    }

    private void release(int port) {
        if (port >= 0) {
            ports.release(port);
        }
    }

    /** Closes every conference's sockets; the tick stops. On the loop thread, through {@link #call}. */
    boolean closeAll() {
        closed = true;
        for (String id : conferences.keySet().toArray(new String[0])) {
            deleteConference(id);
        }
        return true;
    }
}
