package dev.parley.ua.control.transport;

import dev.parley.ua.control.hip.HipDecoder;
import dev.parley.ua.control.hip.HipDropCounters;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.Rfc4571Deframer;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.input.InputApplier;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controlled side of one control session's input stream ({@code a=setup:passive}, RFC
 * 4145): listens on an ephemeral port, accepts exactly one TCP connection from the negotiated
 * peer address and applies the HIP messages it carries; every other connection is closed at once,
 * logged and counted. When the stream ends for any reason the applier releases every held key
 * and button before {@link Events#ended} is called. Two threads: one accepts, one reads.
 */
public final class InputListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputListener.class);

    /**
     * {@code peer}: the offer's connection address; {@code maxConsecutiveDrops}: after this many
     * unreadable frames in a row the stream counts as malformed and ends.
     */
    public record Config(
            InetAddress bind, InetAddress peer, int payloadType, ScreenSize screen, int maxConsecutiveDrops) {
        public Config {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(screen, "screen");
            if (maxConsecutiveDrops < 1) {
                throw new IllegalArgumentException("maxConsecutiveDrops must be positive, got " + maxConsecutiveDrops);
            }
        }
    }

    /** Called on the listener's threads; must not block. */
    public interface Events {
        void connected(InetSocketAddress from);

        void ended(StreamEnd why);
    }

    private final Config config;
    private final InputApplier applier;
    private final Events events;
    private final ServerSocket server;
    private final HipDropCounters drops;
    private final AtomicLong strangersRefused = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread acceptor;
    private volatile @Nullable Socket connection;
    private volatile @Nullable Thread reader;

    private InputListener(Config config, InputApplier applier, HipDropCounters drops, Events events)
            throws IOException {
        this.config = config;
        this.applier = applier;
        this.drops = drops;
        this.events = events;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(config.bind(), 0), 4);
        this.acceptor = new Thread(this::acceptLoop, "control-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Binds an ephemeral port on {@code config.bind()} and starts accepting. */
    public static InputListener open(Config config, InputApplier applier, HipDropCounters drops, Events events)
            throws IOException {
        InputListener l = new InputListener(config, applier, drops, events);
        l.acceptor.start();
        LOG.info(
                "control input listening on {} for {}",
                l.server.getLocalSocketAddress(),
                config.peer().getHostAddress());
        return l;
    }

    /** The port to put in the answer's {@code m=application} line. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections closed at once because they were not the one negotiated peer connection. */
    public long strangersRefused() {
        return strangersRefused.get();
    }

    public HipDropCounters drops() {
        return drops;
    }

    /** The accepted connection's remote address, once there is one. */
    public Optional<InetSocketAddress> peer() {
        Socket s = connection;
        return s == null ? Optional.empty() : Optional.of((InetSocketAddress) s.getRemoteSocketAddress());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            InetSocketAddress from = (InetSocketAddress) s.getRemoteSocketAddress();
            if (!from.getAddress().equals(config.peer()) || connection != null || ended.get()) {
                strangersRefused.incrementAndGet();
                LOG.warn(
                        "control input: refused connection from {} (expecting one from {})",
                        from,
                        config.peer().getHostAddress());
                closeQuietly(s);
                continue;
            }
            connection = s;
            Thread t = new Thread(() -> readLoop(s), "control-input-" + port());
            t.setDaemon(true);
            reader = t;
            LOG.info("control input: connected from {}", from);
            events.connected(from);
            t.start();
        }
    }

    private void readLoop(Socket s) {
        HipDecoder decoder = new HipDecoder(config.payloadType(), config.screen(), drops);
        Rfc4571Deframer deframer = new Rfc4571Deframer();
        int[] consecutiveDrops = {0};
        boolean[] malformed = {false};
        byte[] buf = new byte[8192];
        StreamEnd why;
        try {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    why = StreamEnd.PEER_CLOSED;
                    break;
                }
                deframer.feed(buf, 0, n, (frame, off, len) -> {
                    Optional<HipMessage> m = decoder.decode(frame, off, len);
                    if (m.isPresent()) {
                        consecutiveDrops[0] = 0;
                        applier.apply(m.get());
                    } else if (++consecutiveDrops[0] >= config.maxConsecutiveDrops()) {
                        malformed[0] = true;
                    }
                });
                if (malformed[0]) {
                    why = StreamEnd.MALFORMED_STREAM;
                    break;
                }
            }
        } catch (SocketException e) {
            why = ended.get() ? StreamEnd.LOCAL_STOP : StreamEnd.CONNECTION_LOST;
        } catch (IOException e) {
            why = StreamEnd.CONNECTION_LOST;
        }
        end(why);
    }

    /** Stops listening and reading; releases every held key and button. Idempotent. */
    @Override
    public void close() {
        end(StreamEnd.LOCAL_STOP);
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void end(StreamEnd why) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        Socket s = connection;
        if (s != null) {
            closeQuietly(s);
        }
        applier.releaseAll();
        LOG.info(
                "control input on port {} ended: {}; {} messages applied, drops {}, {} strangers refused",
                port(),
                why.text(),
                applier.applied(),
                drops.snapshot(),
                strangersRefused.get());
        events.ended(why);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort: the socket is gone either way
        }
    }
}
