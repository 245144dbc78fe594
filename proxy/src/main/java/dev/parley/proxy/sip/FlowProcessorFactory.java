package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.Metrics;
import gov.nist.core.HostPort;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import gov.nist.javax.sip.stack.TLSMessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import javax.sip.ListeningPoint;

/**
 * The stack's message processor factory ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}):
 * jain-sip's own blocking-I/O listeners, whose TCP and TLS ones report to the stack's {@link
 * FlowTracker}: a connection that closes (jain-sip drops it from its cache then, and raises no
 * event of its own), and a refusal to open a new connection to a phone whose connection closed.
 */
public final class FlowProcessorFactory implements MessageProcessorFactory {
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
     */
    private static final class Udp extends UDPMessageProcessor {
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
