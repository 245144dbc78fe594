package dev.parley.ua.control.sip;

import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jain-sip user agent for control sessions only (RFC 3261 §13–15): INVITE with the control
 * offer, 180 while the user is asked, the final answer when they answer, ACK, CANCEL and BYE. It
 * listens on its own UDP port and reaches a peer by its URI, directly or through an outbound proxy.
 * Until the agent's own session hands its control INVITEs to the control service, this is how two
 * agents reach each other for control.
 */
public final class ControlSip implements ControlCalls, SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSip.class);

    private final String user;
    private final InetAddress local;
    private final int port;
    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final AtomicLong cseq = new AtomicLong(1);
    private final Map<String, Incoming> incoming = new ConcurrentHashMap<>();
    private final Map<String, Outgoing> outgoing = new ConcurrentHashMap<>();
    private volatile IncomingHandler handler = call -> call.reject(486, "Busy Here");

    private ControlSip(String user, InetAddress local, int port, SipStack stack, SipProvider provider)
            throws Exception {
        this.user = user;
        this.local = local;
        this.port = port;
        this.stack = stack;
        this.provider = provider;
        SipFactory f = SipFactory.getInstance();
        this.addresses = f.createAddressFactory();
        this.headers = f.createHeaderFactory();
        this.messages = f.createMessageFactory();
    }

    /** Starts a UA for {@code user} on {@code local:port} (0: any free port), UDP. */
    public static ControlSip start(String user, InetAddress local, int port) throws IOException {
        int p = port;
        if (p == 0) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(local, 0))) {
                p = s.getLocalPort();
            }
        }
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties props = new Properties();
            props.setProperty("javax.sip.STACK_NAME", "parley-control-" + user + "-" + UUID.randomUUID());
            props.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
            props.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
            props.setProperty("gov.nist.javax.sip.STACK_LOGGER", dev.parley.ua.sip.SipStackLog.class.getName());
            SipStack stack = factory.createSipStack(props);
            ListeningPoint lp = stack.createListeningPoint(local.getHostAddress(), p, ListeningPoint.UDP);
            SipProvider provider = stack.createSipProvider(lp);
            ControlSip sip = new ControlSip(user, local, p, stack, provider);
            provider.addSipListener(sip);
            stack.start();
            LOG.info("control SIP for {} on {}:{}/udp", user, local.getHostAddress(), p);
            return sip;
        } catch (Exception e) {
            throw new IOException("could not start control SIP on " + local.getHostAddress() + ":" + p + ": " + e, e);
        }
    }

    /** This UA's own URI, {@code sip:user@host:port}: what a controller dials to reach it directly. */
    public String uri() {
        return "sip:" + user + "@" + local.getHostAddress() + ":" + port;
    }

    @Override
    public String localAddress() {
        return local.getHostAddress();
    }

    @Override
    public void onIncoming(IncomingHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public OutgoingCall call(String target, SessionDescription offer, OutgoingCall.Events events) {
        Outgoing call = new Outgoing(events);
        try {
            Address from =
                    addresses.createAddress(user, addresses.createURI("sip:" + user + "@" + local.getHostAddress()));
            Address to = addresses.createAddress(addresses.createURI(target));
            ViaHeader via = headers.createViaHeader(local.getHostAddress(), port, "udp", null);
            CallIdHeader callId = provider.getNewCallId();
            Request invite = messages.createRequest(
                    addresses.createURI(target),
                    Request.INVITE,
                    callId,
                    headers.createCSeqHeader(cseq.getAndIncrement(), Request.INVITE),
                    headers.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
                    headers.createToHeader(to, null),
                    List.of(via),
                    headers.createMaxForwardsHeader(70));
            invite.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createURI(uri()))));
            invite.addHeader(headers.createSubjectHeader("Remote control"));
            invite.setContent(offer.toString(), sdpType());
            ClientTransaction tx = provider.getNewClientTransaction(invite);
            call.tx = tx;
            outgoing.put(callId.getCallId(), call);
            tx.sendRequest();
            LOG.info("control INVITE to {} (Call-ID {})", target, callId.getCallId());
        } catch (Exception e) {
            call.fail(0, "could not send the INVITE: " + e.getMessage());
        }
        return call;
    }

    private ContentTypeHeader sdpType() throws Exception {
        return headers.createContentTypeHeader("application", "sdp");
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> onInvite(event, callId);
                case Request.ACK -> {
                    // the 200's transaction is done; nothing to answer
                }
                case Request.CANCEL -> onCancel(event, callId);
                case Request.BYE -> onBye(event, callId);
                default -> respond(event, Response.METHOD_NOT_ALLOWED);
            }
        } catch (Exception e) {
            LOG.warn("control SIP: could not answer {}: {}", request.getMethod(), e.toString());
        }
    }

    private void respond(RequestEvent event, int status) throws Exception {
        ServerTransaction st = event.getServerTransaction();
        if (st == null) {
            st = provider.getNewServerTransaction(event.getRequest());
        }
        st.sendResponse(messages.createResponse(status, event.getRequest()));
    }

    private void onInvite(RequestEvent event, String callId) throws Exception {
        Request request = event.getRequest();
        ServerTransaction st = event.getServerTransaction();
        if (st == null) {
            st = provider.getNewServerTransaction(request);
        }
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            // a re-INVITE: the control session changes nothing mid-way
            st.sendResponse(messages.createResponse(Response.NOT_ACCEPTABLE_HERE, request));
            return;
        }
        SessionDescription offer;
        try {
            byte[] body = request.getRawContent();
            offer = SdpParser.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        } catch (SdpParseException e) {
            Response bad = messages.createResponse(Response.BAD_REQUEST, request);
            bad.setReasonPhrase("Bad SDP: " + e.getMessage());
            st.sendResponse(bad);
            return;
        }
        Response ringing = messages.createResponse(Response.RINGING, request);
        ((ToHeader) ringing.getHeader(ToHeader.NAME))
                .setTag(UUID.randomUUID().toString().substring(0, 8));
        String toTag = ((ToHeader) ringing.getHeader(ToHeader.NAME)).getTag();
        st.sendResponse(ringing);
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String who = from.getAddress().getDisplayName() != null
                ? from.getAddress().getDisplayName()
                : from.getAddress().getURI().toString();
        Incoming call = new Incoming(callId, who, offer, st, toTag);
        incoming.put(callId, call);
        LOG.info("control INVITE from {} (Call-ID {})", who, callId);
        handler.incoming(call);
    }

    private void onCancel(RequestEvent event, String callId) throws Exception {
        respond(event, Response.OK);
        Incoming call = incoming.get(callId);
        if (call != null && call.answered.compareAndSet(false, true)) {
            Response terminated = messages.createResponse(Response.REQUEST_TERMINATED, call.st.getRequest());
            ((ToHeader) terminated.getHeader(ToHeader.NAME)).setTag(call.toTag);
            call.st.sendResponse(terminated);
            incoming.remove(callId);
            LOG.info("control request {} withdrawn by {}", callId, call.from);
            call.ended();
        }
    }

    private void onBye(RequestEvent event, String callId) throws Exception {
        respond(event, Response.OK);
        Incoming in = incoming.remove(callId);
        if (in != null) {
            LOG.info("control session {} ended by BYE from {}", callId, in.from);
            in.ended();
        }
        Outgoing out = outgoing.remove(callId);
        if (out != null) {
            LOG.info("control session {} ended by BYE from the controlled side", callId);
            out.events.ended();
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        CSeqHeader cseqHeader = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        if (!cseqHeader.getMethod().equals(Request.INVITE)) {
            return;
        }
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        Outgoing call = outgoing.get(callId);
        if (call == null || r.getStatusCode() < 200) {
            return;
        }
        try {
            if (r.getStatusCode() < 300) {
                Dialog dialog = event.getDialog();
                if (dialog == null) {
                    call.fail(0, "a 200 without a dialog");
                    return;
                }
                dialog.sendAck(dialog.createAck(cseqHeader.getSeqNumber()));
                call.dialog = dialog;
                byte[] body = r.getRawContent();
                SessionDescription answer =
                        SdpParser.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
                if (call.done.compareAndSet(false, true)) {
                    if (call.hungUp.get()) {
                        call.bye();
                        return;
                    }
                    LOG.info("control session {} allowed", callId);
                    call.events.answered(answer);
                }
            } else {
                outgoing.remove(callId);
                LOG.info("control request {} answered {} {}", callId, r.getStatusCode(), r.getReasonPhrase());
                call.fail(r.getStatusCode(), r.getReasonPhrase());
            }
        } catch (SdpParseException e) {
            call.fail(0, "the answer's SDP is malformed: " + e.getMessage());
            call.bye();
        } catch (Exception e) {
            call.fail(0, "could not acknowledge the answer: " + e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction tx = event.getClientTransaction();
        if (tx == null) {
            return;
        }
        String callId = ((CallIdHeader) tx.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
        Outgoing call = outgoing.remove(callId);
        if (call != null && tx.getRequest().getMethod().equals(Request.INVITE)) {
            call.fail(0, "no response from the other agent");
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("control SIP: I/O error toward {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}

    @Override
    public void close() {
        incoming.values().forEach(Incoming::hangUp);
        outgoing.values().forEach(Outgoing::hangUp);
        stack.stop();
    }

    private final class Incoming implements IncomingCall {
        private final String id;
        private final String from;
        private final SessionDescription offer;
        private final ServerTransaction st;
        private final String toTag;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile Runnable onEnd = () -> {};

        Incoming(String id, String from, SessionDescription offer, ServerTransaction st, String toTag) {
            this.id = id;
            this.from = from;
            this.offer = offer;
            this.st = st;
            this.toTag = toTag;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String from() {
            return from;
        }

        @Override
        public SessionDescription offer() {
            return offer;
        }

        @Override
        public void accept(SessionDescription answer) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                Response ok = messages.createResponse(Response.OK, st.getRequest());
                ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(toTag);
                ok.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createURI(uri()))));
                ok.setContent(answer.toString(), sdpType());
                st.sendResponse(ok);
            } catch (Exception e) {
                LOG.warn("control SIP: could not send 200 for {}: {}", id, e.toString());
            }
        }

        @Override
        public void reject(int status, String reason) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            incoming.remove(id);
            try {
                Response r = messages.createResponse(status, st.getRequest());
                ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
                r.setReasonPhrase(reason);
                st.sendResponse(r);
                LOG.info("control request {} from {} answered {} {}", id, from, status, reason);
            } catch (Exception e) {
                LOG.warn("control SIP: could not send {} for {}: {}", status, id, e.toString());
            }
        }

        @Override
        public void hangUp() {
            if (incoming.remove(id) == null || !over.compareAndSet(false, true)) {
                return;
            }
            Dialog d = st.getDialog();
            if (d == null) {
                return;
            }
            try {
                ClientTransaction bye = provider.getNewClientTransaction(d.createRequest(Request.BYE));
                d.sendRequest(bye);
                LOG.info("control session {} ended by this side (BYE)", id);
            } catch (Exception e) {
                LOG.warn("control SIP: could not send BYE for {}: {}", id, e.toString());
            }
        }

        @Override
        public void onEnd(Runnable ended) {
            this.onEnd = Objects.requireNonNull(ended, "ended");
        }

        void ended() {
            if (over.compareAndSet(false, true)) {
                onEnd.run();
            }
        }
    }

    private final class Outgoing implements OutgoingCall {
        private final Events events;
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicBoolean hungUp = new AtomicBoolean();
        private volatile @Nullable ClientTransaction tx;
        private volatile @Nullable Dialog dialog;

        Outgoing(Events events) {
            this.events = Objects.requireNonNull(events, "events");
        }

        void fail(int status, String reason) {
            if (done.compareAndSet(false, true)) {
                events.failed(status, reason);
            }
        }

        @Override
        public void hangUp() {
            if (!hungUp.compareAndSet(false, true)) {
                return;
            }
            if (dialog != null) {
                bye();
                return;
            }
            ClientTransaction t = tx;
            if (t == null) {
                return;
            }
            try {
                provider.getNewClientTransaction(t.createCancel()).sendRequest();
            } catch (Exception e) {
                LOG.warn("control SIP: could not CANCEL: {}", e.toString());
            }
        }

        void bye() {
            Dialog d = dialog;
            if (d == null) {
                return;
            }
            outgoing.values().remove(this);
            try {
                d.sendRequest(provider.getNewClientTransaction(d.createRequest(Request.BYE)));
            } catch (Exception e) {
                LOG.warn("control SIP: could not send BYE: {}", e.toString());
            }
        }
    }
}
