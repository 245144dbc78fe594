package dev.parley.ua.sip;

import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.control.sip.ControlCalls;
import dev.parley.ua.control.sip.IncomingCall;
import dev.parley.ua.control.sip.OutgoingCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote-control dialogs (DESIGN.md "Remote desktop control") on the agent's own SIP stack, so
 * they go through the server like any call: the controller's INVITE to an address of record
 * (digest-authenticated when the proxy asks), 180 while the controlled user is asked, the final
 * answer when they answer, ACK, CANCEL and BYE (RFC 3261 §13–15). Every method runs on the
 * session thread: {@link SipSession} calls the {@code on…} methods there, and the {@link
 * ControlCalls} methods, called from any thread, queue their work on it.
 */
final class ControlDialogs implements ControlCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ControlDialogs.class);

    private final UaStack ua;
    private final Challenges challenges;
    private final Executor session;
    // Session thread only, by Call-ID.
    private final Map<String, Incoming> incoming = new HashMap<>();
    private final Map<String, Outgoing> outgoing = new HashMap<>();
    private volatile IncomingHandler handler = call -> call.reject(486, "Busy Here");

    ControlDialogs(UaStack ua, Challenges challenges, Executor session) {
        this.ua = ua;
        this.challenges = challenges;
        this.session = session;
    }

    /** True when {@code offer} asks for remote control: an {@code m=application … hip} section with a port. */
    static boolean isControlOffer(SessionDescription offer) {
        return offer.media().stream()
                .anyMatch(m -> m.port() != 0
                        && MediaKind.of(m)
                                .filter(k -> k == MediaKind.REMOTE_CONTROL)
                                .isPresent());
    }

    @Override
    public void onIncoming(IncomingHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public String localAddress() {
        return ua.local.getHostAddress();
    }

    @Override
    public OutgoingCall call(String target, SessionDescription offer, OutgoingCall.Events events) {
        Outgoing call = new Outgoing(target, events);
        session.execute(() -> call.send(offer));
        return call;
    }

    /** Withdraws or ends every control dialog (queued on the session thread). */
    @Override
    public void close() {
        session.execute(this::closeNow);
    }

    /** The agent is closing: withdraw or end every control dialog; on the session thread. */
    void closeNow() {
        List.copyOf(incoming.values()).forEach(Incoming::hangUpNow);
        List.copyOf(outgoing.values()).forEach(Outgoing::hangUpNow);
    }

    // ---- from SipSession, on the session thread ----

    /** A new INVITE with a control offer: 180 (with the To tag the dialog keeps), then ask. */
    void onInvite(Request request, ServerTransaction st, SessionDescription offer) throws Exception {
        String callId = callId(request);
        Response ringing = ua.messages.createResponse(Response.RINGING, request);
        String toTag = UUID.randomUUID().toString().substring(0, 8);
        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(toTag);
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

    /** A CANCEL (already answered 200 by the session): 487 to the INVITE if it is still unanswered. */
    void onCancel(Request cancel) {
        Incoming call = incoming.get(callId(cancel));
        if (call == null || call.answered) {
            return;
        }
        call.answered = true;
        incoming.remove(call.id);
        call.respond(Response.REQUEST_TERMINATED, "Request Terminated");
        LOG.info("control request {} withdrawn by {}", call.id, call.from);
        call.ended();
    }

    /** True when {@code bye} (already answered 200) ended a control dialog. */
    boolean onBye(Request bye) {
        String callId = callId(bye);
        Incoming in = incoming.remove(callId);
        if (in != null) {
            LOG.info("control session {} ended by BYE from {}", callId, in.from);
            in.ended();
            return true;
        }
        Outgoing out = outgoing.remove(callId);
        if (out != null) {
            LOG.info("control session {} ended by BYE from {}", callId, out.target);
            out.events.ended();
            return true;
        }
        return false;
    }

    /** True when {@code tx} was a control INVITE; handles its final response. */
    boolean onResponse(ClientTransaction tx, ResponseEvent event) {
        Response r = event.getResponse();
        String callId = callId(r);
        Outgoing call = outgoing.get(callId);
        if (call == null || call.tx != tx) {
            return false;
        }
        int status = r.getStatusCode();
        if ((status == 401 || status == 407) && !call.challenged && !call.hungUp) {
            call.challenged = true;
            try {
                ClientTransaction retry = challenges.answer(r, tx);
                call.tx = retry;
                retry.sendRequest();
            } catch (Challenges.UnanswerableException e) {
                outgoing.remove(callId);
                call.fail(status, String.valueOf(e.getMessage()));
            } catch (Exception e) {
                outgoing.remove(callId);
                call.fail(status, "could not answer the challenge: " + e.getMessage());
            }
            return true;
        }
        if (status / 100 != 2) {
            outgoing.remove(callId);
            LOG.info("control request to {} answered {} {}", call.target, status, r.getReasonPhrase());
            call.fail(status, r.getReasonPhrase());
            return true;
        }
        call.established(event);
        return true;
    }

    /** True when {@code tx} was a control INVITE that got no response at all. */
    boolean onTimeout(ClientTransaction tx) {
        String callId = callId(tx.getRequest());
        Outgoing call = outgoing.get(callId);
        if (call == null || call.tx != tx) {
            return false;
        }
        outgoing.remove(callId);
        call.fail(0, "no response from the server");
        return true;
    }

    private static String callId(javax.sip.message.Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private void bye(Dialog d, String what) {
        try {
            d.sendRequest(ua.provider.getNewClientTransaction(d.createRequest(Request.BYE)));
            LOG.info("control session {} ended by this side (BYE)", what);
        } catch (Exception e) {
            LOG.warn("control: could not send BYE for {}: {}", what, e.toString());
        }
    }

    /** A control INVITE this agent received; its state is the session thread's. */
    private final class Incoming implements IncomingCall {
        final String id;
        final String from;
        final SessionDescription offer;
        final ServerTransaction st;
        final String toTag;
        boolean answered;
        boolean over;
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
            session.execute(() -> {
                if (answered || !incoming.containsKey(id)) {
                    return;
                }
                answered = true;
                try {
                    Response ok = ua.messages.createResponse(Response.OK, st.getRequest());
                    ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(toTag);
                    ok.addHeader(ua.headers.createContactHeader(ua.contact()));
                    ok.setContent(answer.toString(), ua.headers.createContentTypeHeader("application", "sdp"));
                    st.sendResponse(ok);
                    LOG.info("control request {} from {} allowed", id, from);
                } catch (Exception e) {
                    LOG.warn("control: could not send 200 for {}: {}", id, e.toString());
                }
            });
        }

        @Override
        public void reject(int status, String reason) {
            session.execute(() -> {
                if (answered) {
                    return;
                }
                answered = true;
                incoming.remove(id);
                respond(status, reason);
                LOG.info("control request {} from {} answered {} {}", id, from, status, reason);
            });
        }

        void respond(int status, String reason) {
            try {
                Response r = ua.messages.createResponse(status, st.getRequest());
                ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
                r.setReasonPhrase(reason);
                st.sendResponse(r);
            } catch (Exception e) {
                LOG.warn("control: could not send {} for {}: {}", status, id, e.toString());
            }
        }

        @Override
        public void hangUp() {
            session.execute(this::hangUpNow);
        }

        void hangUpNow() {
            if (incoming.remove(id) == null || over) {
                return;
            }
            over = true;
            if (!answered) {
                answered = true;
                respond(Response.DECLINE, "Decline");
                return;
            }
            Dialog d = st.getDialog();
            if (d != null) {
                bye(d, id);
            }
        }

        @Override
        public void onEnd(Runnable ended) {
            this.onEnd = Objects.requireNonNull(ended, "ended");
        }

        void ended() {
            if (!over) {
                over = true;
                onEnd.run();
            }
        }
    }

    /** A control INVITE this agent placed; its state is the session thread's. */
    private final class Outgoing implements OutgoingCall {
        final String target;
        final Events events;
        boolean done;
        boolean hungUp;
        boolean challenged;

        @Nullable
        ClientTransaction tx;

        @Nullable
        Dialog dialog;

        Outgoing(String target, Events events) {
            this.target = target;
            this.events = Objects.requireNonNull(events, "events");
        }

        void send(SessionDescription offer) {
            try {
                Request invite = ua.request(Request.INVITE, target, target, "");
                invite.addHeader(ua.headers.createSubjectHeader("Remote control"));
                invite.addHeader(ua.headers.createAllowHeader("INVITE, ACK, BYE, CANCEL, OPTIONS"));
                invite.setContent(offer.toString(), ua.headers.createContentTypeHeader("application", "sdp"));
                ClientTransaction t = ua.provider.getNewClientTransaction(invite);
                tx = t;
                outgoing.put(callId(invite), this);
                t.sendRequest();
                LOG.info("control INVITE to {} (Call-ID {})", target, callId(invite));
            } catch (Exception e) {
                fail(0, "could not send the INVITE: " + e.getMessage());
            }
        }

        void established(ResponseEvent event) {
            Response r = event.getResponse();
            Dialog d = event.getDialog();
            if (d == null) {
                outgoing.remove(callId(r));
                fail(0, "a 200 without a dialog");
                return;
            }
            dialog = d;
            try {
                d.sendAck(d.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber()));
            } catch (Exception e) {
                LOG.warn("control: ACK failed: {}", e.toString());
            }
            if (done || hungUp) {
                hangUpNow(); // given up meanwhile: end what the other side set up
                return;
            }
            done = true;
            try {
                byte[] body = r.getRawContent();
                SessionDescription answer = SdpParser.parse(body == null ? new byte[0] : body);
                LOG.info("control of {} allowed", target);
                events.answered(answer);
            } catch (SdpParseException e) {
                events.failed(0, "the answer's SDP is malformed: " + e.getMessage());
                hangUpNow();
            }
        }

        void fail(int status, String reason) {
            if (!done) {
                done = true;
                events.failed(status, reason);
            }
        }

        @Override
        public void hangUp() {
            session.execute(this::hangUpNow);
        }

        void hangUpNow() {
            hungUp = true;
            Dialog d = dialog;
            if (d != null) {
                if (tx != null && outgoing.remove(callId(tx.getRequest())) != null) {
                    bye(d, target);
                }
                return;
            }
            ClientTransaction t = tx;
            if (t == null) {
                return;
            }
            try {
                ua.provider.getNewClientTransaction(t.createCancel()).sendRequest();
                LOG.info("control request to {} withdrawn (CANCEL)", target);
            } catch (Exception e) {
                LOG.warn("control: could not CANCEL: {}", e.toString());
            }
        }
    }
}
