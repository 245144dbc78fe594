package dev.parley.ua.control.transport;

import dev.parley.ua.control.hip.HipCodec;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.HipPacketizer;
import dev.parley.ua.control.hip.Rfc4571;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's side of the input stream ({@code a=setup:active}, RFC 4145): one TCP
 * connection to the controlled side's listener, HIP messages sent as RFC 4571 framed RTP. {@link
 * #send} never blocks (the Swing thread calls it): messages queue for the sender's own thread,
 * and when the queue is full the message is dropped and counted.
 */
public final class InputSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputSender.class);
    private static final int QUEUE = 1024;

    /** Called on the sender's thread. */
    @FunctionalInterface
    public interface Events {
        void ended(StreamEnd why);
    }

    private final Socket socket;
    private final HipPacketizer packetizer;
    private final BlockingQueue<HipMessage> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Events events;
    private final Thread writer;

    private InputSender(Socket socket, int payloadType, Events events) {
        this.socket = socket;
        this.events = events;
        this.packetizer = new HipPacketizer(payloadType, new SecureRandom(), System.nanoTime());
        this.writer = new Thread(this::writeLoop, "control-send-" + socket.getLocalPort());
        writer.setDaemon(true);
    }

    /** Connects to the listener the answer named and starts the sender thread. */
    public static InputSender connect(InetSocketAddress remote, int payloadType, Duration timeout, Events events)
            throws IOException {
        Objects.requireNonNull(events, "events");
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(remote, (int) timeout.toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        InputSender sender = new InputSender(s, payloadType, events);
        sender.writer.start();
        LOG.info("control input: connected to {}", remote);
        return sender;
    }

    /** Queues one message; false (and counted) when the queue is full or the stream has ended. */
    public boolean send(HipMessage message) {
        if (closed.get() || !queue.offer(message)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** The listener this sender is connected to. */
    public InetSocketAddress remote() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void writeLoop() {
        byte[] frame = new byte[Rfc4571.LENGTH_FIELD + HipCodec.MAX_PACKET];
        StreamEnd why = StreamEnd.LOCAL_STOP;
        try {
            OutputStream out = socket.getOutputStream();
            while (!closed.get()) {
                HipMessage m = queue.take();
                if (closed.get()) {
                    break;
                }
                int length = packetizer.write(m, System.nanoTime(), frame, Rfc4571.LENGTH_FIELD);
                out.write(frame, 0, Rfc4571.writeLength(frame, 0, length));
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            why = closed.get() ? StreamEnd.LOCAL_STOP : StreamEnd.CONNECTION_LOST;
        }
        finish(why);
    }

    /** Stops sending and closes the connection. Idempotent. */
    @Override
    public void close() {
        finish(StreamEnd.LOCAL_STOP);
        writer.interrupt();
        if (writer != Thread.currentThread()) {
            try {
                writer.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finish(StreamEnd why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // best effort: the connection is gone either way
        }
        LOG.info(
                "control input to {} ended: {}; {} sent, {} dropped",
                socket.getRemoteSocketAddress(),
                why.text(),
                sent.get(),
                dropped.get());
        events.ended(why);
    }
}
