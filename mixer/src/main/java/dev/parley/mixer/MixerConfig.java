package dev.parley.mixer;

import dev.parley.mixer.audio.OpusCodecs;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What the mixer daemon needs to start, checked here once.
 *
 * @param control address of the HTTP control API (port 0 picks a free one)
 * @param rtpBind local address every media socket binds to
 * @param rtpPorts ports the media sockets come from
 * @param token the bearer token every control request must carry
 * @param workers number of media worker threads, each owning its conferences' sockets
 * @param rtpTimeout how long an endpoint that should send may send neither RTP nor RTCP before
 *     the mixer reports it ({@code rtp-timeout} event); zero turns the check off
 * @param io the data path's transport: Netty's native epoll or plain NIO
 * @param opus which Opus to run: libopus where it loads (auto), libopus or nothing, or concentus
 * @param readBatch datagrams one read may take from a ready socket with epoll: 1 (default) reads
 *     one with recv/recvmsg; more uses recvmmsg, which pays only where datagrams queue on a socket
 *     (a relay behind its load) and costs Netty a getsockopt and a sender address per call
 * @param realtimePriority 0 (default): the media workers run with normal scheduling; 1-99: each
 *     puts itself in SCHED_FIFO at this priority when it starts, where the kernel allows it
 */
public record MixerConfig(
        InetSocketAddress control,
        InetAddress rtpBind,
        PortRange rtpPorts,
        String token,
        int workers,
        Duration rtpTimeout,
        Io io,
        OpusCodecs.Choice opus,
        int readBatch,
        int realtimePriority) {
    /** The data path's transport ({@code --io}). */
    public enum Io {
        /**
         * Netty's native epoll transport (Linux): level-triggered epoll, sendmmsg when several
         * datagrams wait, latched ports connected to their peers.
         */
        EPOLL,
        /** Netty over plain java.nio, one datagram per system call; works everywhere. */
        NIO;

        /** The option's spelling. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** epoll when Netty's native transport loads on this machine, nio otherwise. */
        public static Io best() {
            return Epoll.isAvailable() ? EPOLL : NIO;
        }

        /** {@code epoll} or {@code nio}; anything else is refused, naming the option. */
        public static Io parse(String value) {
            for (Io each : values()) {
                if (each.label().equals(value)) {
                    return each;
                }
            }
            throw new IllegalArgumentException("io must be epoll or nio, got '" + value + "'");
        }
    }

    /** The default RTP timeout: long enough for any hold or network hiccup, short enough to free a lost call. */
    public static final Duration DEFAULT_RTP_TIMEOUT = Duration.ofSeconds(30);

    /** Upper bound on workers: more threads than this only adds context switches. */
    public static final int MAX_WORKERS = 256;

    /** Upper bound on {@code --read-batch}. */
    public static final int MAX_READ_BATCH = 64;

    /** The highest SCHED_FIFO priority Linux has ({@code sched_get_priority_max}). */
    public static final int MAX_REALTIME_PRIORITY = 99;

    /**
     * A config that reads one datagram per ready socket ({@code --read-batch 1}) and schedules
     * the workers normally.
     */
    public MixerConfig(
            InetSocketAddress control,
            InetAddress rtpBind,
            PortRange rtpPorts,
            String token,
            int workers,
            Duration rtpTimeout,
            Io io,
            OpusCodecs.Choice opus) {
        this(control, rtpBind, rtpPorts, token, workers, rtpTimeout, io, opus, 1, 0);
    }

    public MixerConfig {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(rtpBind, "rtp-bind");
        Objects.requireNonNull(rtpPorts, "rtp-ports");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(rtpTimeout, "rtp-timeout");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(opus, "opus");
        if (io == Io.EPOLL && !Epoll.isAvailable()) {
            throw new IllegalArgumentException(
                    "io: epoll is not available here (" + Epoll.unavailabilityCause() + "); use --io nio");
        }
        if (rtpTimeout.isNegative()) {
            throw new IllegalArgumentException("rtp-timeout must not be negative, got " + rtpTimeout.toSeconds());
        }
        if (control.isUnresolved()) {
            throw new IllegalArgumentException("control: cannot resolve host " + control.getHostString());
        }
        if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("token must be non-empty and have no white space");
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1-" + MAX_WORKERS + ", got " + workers);
        }
        if (readBatch < 1 || readBatch > MAX_READ_BATCH) {
            throw new IllegalArgumentException("read-batch must be 1-" + MAX_READ_BATCH + ", got " + readBatch);
        }
        if (realtimePriority < 0 || realtimePriority > MAX_REALTIME_PRIORITY) {
            throw new IllegalArgumentException("realtime-priority must be 1-" + MAX_REALTIME_PRIORITY
                    + " (0 for normal scheduling), got " + realtimePriority);
        }
    }

    @Override
    public String toString() {
        return "MixerConfig[control=" + control + ", rtpBind=" + rtpBind.getHostAddress() + ", rtpPorts=" + rtpPorts
                + ", workers=" + workers + ", rtpTimeout=" + rtpTimeout.toSeconds() + "s, io=" + io.label() + ", opus="
                + opus.label() + ", realtimePriority=" + realtimePriority + "]";
    }
}
