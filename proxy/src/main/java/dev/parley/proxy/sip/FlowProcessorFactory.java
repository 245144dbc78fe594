package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.Metrics;
import gov.nist.core.HostPort;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import gov.nist.javax.sip.stack.TLSMessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.Map;
import java.util.Optional;
import javax.sip.ListeningPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's message processor factory ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}):
 * jain-sip's own blocking-I/O listeners, whose TCP and TLS ones report to the stack's {@link
 * FlowTracker}: a connection that closes (jain-sip drops it from its cache then, and raises no
 * event of its own), and a refusal to open a new connection to a phone whose connection closed.
 * The UDP listener answers STUN keep-alives and has a receive loop of its own.
 */
public final class FlowProcessorFactory implements MessageProcessorFactory {
    private static final Logger LOG = LoggerFactory.getLogger(FlowProcessorFactory.class);
    private final OIOMessageProcessorFactory plain = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(
            SIPTransactionStack stack, InetAddress address, int port, String transport) throws IOException {
        Optional<FlowTracker> flows =
                stack instanceof SipStackImpl s ? StackHooks.flows(s.getStackName()) : Optional.empty();
        if (flows.isPresent() && transport.equalsIgnoreCase(ListeningPoint.TCP)) {
            return new Tcp(address, stack, port, flows.get());
        }
        if (flows.isPresent() && transport.equalsIgnoreCase(ListeningPoint.TLS)) {
            return new Tls(address, stack, port, flows.get());
        }
        if (transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            Optional<Metrics> metrics =
                    stack instanceof SipStackImpl s ? StackHooks.metrics(s.getStackName()) : Optional.empty();
            MessageProcessor udp = new Udp(address, stack, port, metrics);
            sendFromListeners(stack);
            return udp;
        }
        return plain.createMessageProcessor(stack, address, port, transport);
    }

    /**
     * What jain-sip's own factory does after making a UDP listener, and no public method does:
     * set the stack's package-private {@code udpFlag}, without which UDP responses leave from a
     * fresh socket instead of the listener's (breaking every phone behind a NAT).
     */
    private static void sendFromListeners(SIPTransactionStack stack) throws IOException {
        try {
            java.lang.reflect.Field flag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            flag.setAccessible(true);
            flag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot make jain-sip send UDP from its listener: " + e, e);
        }
    }

    /** The checks both connection listeners make, over their two channel caches. */
    private record Watch(
            String transport,
            FlowTracker flows,
            Map<String, ConnectionOrientedMessageChannel> channels,
            Map<String, ConnectionOrientedMessageChannel> incoming) {

        boolean has(String peerHost, int peerPort) {
            String key = (transport + ":" + peerHost.replaceAll("[\\[\\]]", "") + ":" + peerPort).toLowerCase();
            return channels.containsKey(key) || incoming.containsKey(key);
        }

        /** Before jain-sip's remove: whether this channel is the one cached under its key. */
        boolean cached(ConnectionOrientedMessageChannel channel) {
            String key = channel.getKey();
            return channels.get(key) == channel || incoming.get(key) == channel;
        }

        /** After jain-sip's remove: the connection is gone unless another took its key. */
        void removed(ConnectionOrientedMessageChannel channel, boolean wasCached, MessageProcessor processor) {
            String key = channel.getKey();
            if (wasCached && !channels.containsKey(key) && !incoming.containsKey(key)) {
                flows.closed(new dev.parley.registrar.location.Flow(
                        transport,
                        channel.getPeerAddress(),
                        channel.getPeerPort(),
                        processor.getIpAddress().getHostAddress(),
                        processor.getPort()));
            }
        }

        void checkConnect(String host, int port) throws IOException {
            if (!has(host, port) && flows.refusesConnect(transport, host, port)) {
                throw new IOException(
                        "flow closed: no new " + transport + " connection to " + host + ":" + port + " (RFC 5626)");
            }
        }

        static String host(HostPort target) {
            String ip = target.getHost().getIpAddress();
            return ip != null ? ip : target.getHost().getHostname();
        }
    }

    /**
     * jain-sip's UDP listener on a socket that answers STUN keep-alives itself (RFC 5626 §4.4.2)
     * and hands jain-sip only the rest: jain-sip's own socket is swapped for a {@link
     * StunAnsweringSocket} on the same address right after jain-sip bound it.
     *
     * <p>Its receive loop is its own. jain-sip's allocates and zeroes a buffer of the largest
     * message size (16 KiB) for every datagram and queues it whole: 32 KiB of the 220 KB a
     * REGISTER exchange allocated. This one receives into one buffer and queues an exact copy, a
     * few hundred bytes. The queue, the threads that take from it, and everything after are
     * jain-sip's.
     */
    private static final class Udp extends UDPMessageProcessor {
        private int reported;

        Udp(InetAddress address, SIPTransactionStack stack, int port, Optional<Metrics> metrics) throws IOException {
            super(address, stack, port);
            DatagramSocket own = sock;
            SocketAddress bound = own.getLocalSocketAddress();
            int receiveBuffer = own.getReceiveBufferSize();
            int sendBuffer = own.getSendBufferSize();
            int timeout = own.getSoTimeout();
            own.close();
            StunAnsweringSocket answering =
                    new StunAnsweringSocket(bound, () -> metrics.ifPresent(Metrics::stunAnswered));
            answering.setReceiveBufferSize(receiveBuffer);
            answering.setSendBufferSize(sendBuffer);
            answering.setSoTimeout(timeout);
            sock = answering;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"}) // jain-sip's field is a raw LinkedList
        public void run() {
            LinkedList channels = new LinkedList();
            for (int i = 0; i < SipServer.SIP_THREADS; i++) {
                channels.add(new Channel(sipStack, this, "SIP-UDP-" + getPort() + "-" + i));
            }
            messageChannels = channels;
            byte[] buffer = new byte[getMaximumMessageSize()];
            DatagramPacket received = new DatagramPacket(buffer, buffer.length);
            while (isRunning) {
                try {
                    received.setLength(buffer.length);
                    sock.receive(received);
                    byte[] copy = Arrays.copyOf(buffer, received.getLength());
                    DatagramPacket datagram = new DatagramPacket(copy, copy.length, received.getSocketAddress());
                    messageQueue.offer(new DatagramQueuedMessageDispatch(datagram, System.currentTimeMillis()));
                } catch (SocketTimeoutException e) {
                    // jain-sip's thread auditor sets a timeout; nothing arrived.
                } catch (IOException | RuntimeException e) {
                    if (!isRunning) {
                        return;
                    }
                    if (reported++ < 10) {
                        LOG.warn(
                                "UDP receive on {}:{} failed, listening on: {}",
                                getIpAddress().getHostAddress(),
                                getPort(),
                                e.toString());
                    }
                }
            }
        }
    }

    /** One of the threads that take datagrams from the UDP listener's queue (jain-sip's own). */
    private static final class Channel extends UDPMessageChannel {
        Channel(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
            super(stack, processor, threadName);
        }
    }

    private static final class Tcp extends TCPMessageProcessor {
        private final Watch watch;

        Tcp(InetAddress address, SIPTransactionStack stack, int port, FlowTracker flows) {
            super(address, stack, port);
            this.watch = new Watch("TCP", flows, messageChannels, incomingMessageChannels);
        }

        @Override
        public void start() throws IOException {
            super.start();
            watch.flows().listening("TCP", getIpAddress().getHostAddress(), getPort(), watch::has);
        }

        @Override
        protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
            boolean cached = watch.cached(channel);
            super.remove(channel);
            watch.removed(channel, cached, this);
        }

        @Override
        public synchronized MessageChannel createMessageChannel(HostPort target) throws IOException {
            watch.checkConnect(Watch.host(target), target.getPort());
            return super.createMessageChannel(target);
        }

        @Override
        public synchronized MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
            watch.checkConnect(host.getHostAddress(), port);
            return super.createMessageChannel(host, port);
        }
    }

    private static final class Tls extends TLSMessageProcessor {
        private final Watch watch;

        Tls(InetAddress address, SIPTransactionStack stack, int port, FlowTracker flows) {
            super(address, stack, port);
            this.watch = new Watch("TLS", flows, messageChannels, incomingMessageChannels);
        }

        @Override
        public void start() throws IOException {
            super.start();
            watch.flows().listening("TLS", getIpAddress().getHostAddress(), getPort(), watch::has);
        }

        @Override
        protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
            boolean cached = watch.cached(channel);
            super.remove(channel);
            watch.removed(channel, cached, this);
        }

        @Override
        public synchronized MessageChannel createMessageChannel(HostPort target) throws IOException {
            watch.checkConnect(Watch.host(target), target.getPort());
            return super.createMessageChannel(target);
        }

        @Override
        public synchronized MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
            watch.checkConnect(host.getHostAddress(), port);
            return super.createMessageChannel(host, port);
        }
    }
}
