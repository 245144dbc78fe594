package dev.parley.ua.sip;

import dev.parley.ua.session.Account;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * The agent's jain-sip stack: one UDP listening point on the local address, every request out
 * through the account's server as outbound proxy (RFC 3261 §8.1.2), and the factories that
 * build requests outside a dialog.
 */
final class UaStack implements AutoCloseable {
    final Account account;
    final InetAddress local;
    final int port;
    final SipStack stack;
    final SipProvider provider;
    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    private final AtomicLong cseq = new AtomicLong(1);

    private UaStack(Account account, InetAddress local, int port, SipStack stack, SipProvider provider)
            throws Exception {
        this.account = account;
        this.local = local;
        this.port = port;
        this.stack = stack;
        this.provider = provider;
        SipFactory f = SipFactory.getInstance();
        this.addresses = f.createAddressFactory();
        this.headers = f.createHeaderFactory();
        this.messages = f.createMessageFactory();
    }

    static UaStack start(Account account, InetAddress local, int sipPort, SipListener listener) throws IOException {
        int port = sipPort;
        if (port == 0) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(local, 0))) {
                port = s.getLocalPort();
            }
        }
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "parley-ua-" + account.user() + "-" + UUID.randomUUID());
            p.setProperty("javax.sip.OUTBOUND_PROXY", account.serverHost() + ":" + account.serverPort() + "/udp");
            p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
            p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
            p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
            p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLog.class.getName());
            SipStack stack = factory.createSipStack(p);
            ListeningPoint lp = stack.createListeningPoint(local.getHostAddress(), port, ListeningPoint.UDP);
            SipProvider provider = stack.createSipProvider(lp);
            UaStack ua = new UaStack(account, local, port, stack, provider);
            provider.addSipListener(listener);
            stack.start();
            return ua;
        } catch (Exception e) {
            throw new IOException("could not start SIP on " + local.getHostAddress() + ":" + port + ": " + e, e);
        }
    }

    /**
     * The address this host would use to reach {@code host:port}: what the agent binds and
     * advertises in Via, Contact and SDP. No packet is sent.
     */
    static InetAddress localAddressToward(String host, int port) throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), port));
            InetAddress a = probe.getLocalAddress();
            if (a == null || a.isAnyLocalAddress()) {
                throw new IOException("no route to " + host + ":" + port);
            }
            return a;
        }
    }

    /** The Contact feature tag by which the focus tells a Parley agent from a softphone (docs/focus.md). */
    static final String MANY_VIDEO_STREAMS_TAG = "+parley.multistream";

    /** {@code <sip:user@local:port>}. */
    Address contact() throws Exception {
        return addresses.createAddress(
                addresses.createURI("sip:" + account.user() + "@" + local.getHostAddress() + ":" + port));
    }

    /** A request outside any dialog: From the account (with a new tag), To {@code toUri}, a new Call-ID unless given. */
    Request request(String method, String requestUri, String toUri, String callId) throws Exception {
        Address from = addresses.createAddress(account.name(), addresses.createURI(account.aor()));
        Address to = addresses.createAddress(addresses.createURI(toUri));
        List<ViaHeader> via = new ArrayList<>();
        via.add(headers.createViaHeader(local.getHostAddress(), port, "udp", null));
        Request r = messages.createRequest(
                addresses.createURI(requestUri),
                method,
                callId.isEmpty() ? provider.getNewCallId() : headers.createCallIdHeader(callId),
                headers.createCSeqHeader(cseq.getAndIncrement(), method),
                headers.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
                headers.createToHeader(to, null),
                via,
                headers.createMaxForwardsHeader(70));
        ContactHeader contact = headers.createContactHeader(contact());
        if (method.equals(Request.INVITE)) {
            // RFC 3840 feature tag: this agent shows every member's video from one m-line, told
            // apart by SSRC, so the focus sends it everyone's video, not the active speaker's.
            contact.setParameter(MANY_VIDEO_STREAMS_TAG, null);
        }
        r.addHeader(contact);
        r.addHeader(headers.createUserAgentHeader(List.of("Parley-agent/0.1")));
        return r;
    }

    @Override
    public void close() {
        stack.stop();
    }
}
