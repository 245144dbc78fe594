package dev.parley.ua.sip;

import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.Offers;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.ua.control.sip.ControlCalls;
import dev.parley.ua.session.Account;
import dev.parley.ua.session.EndReason;
import dev.parley.ua.session.HostAction;
import dev.parley.ua.session.MediaStream;
import dev.parley.ua.session.MediaStreamFactory;
import dev.parley.ua.session.MeetingAddress;
import dev.parley.ua.session.RegistrationState;
import dev.parley.ua.session.Roster;
import dev.parley.ua.session.RosterMember;
import dev.parley.ua.session.Session;
import dev.parley.ua.session.SessionConfig;
import dev.parley.ua.session.SessionEvent;
import dev.parley.ua.session.SessionListener;
import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Session} over jain-sip. One owner thread ({@code ua-session}) holds every piece of
 * state and runs every method's work and every SIP event, in arrival order; a second thread
 * ({@code ua-events}) hands events to the listener, so neither the caller nor the SIP stack ever
 * waits on the listener. Registration, the meeting call and the member list subscription live
 * in {@link Registration}, {@link MeetingCall} and {@link MemberList}.
 */
public final class SipSession implements Session, SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipSession.class);
    /** How long a BYE from the focus waits for the member list to say why (closed or kicked). */
    private static final long END_REASON_WAIT_MS = 1500;

    /** What a client transaction was for. */
    private sealed interface Pending {}

    private record RegisterTx(int expires, boolean challenged) implements Pending {}

    private record InviteTx(MeetingCall call) implements Pending {}

    private record InfoTx(HostAction action) implements Pending {}

    private record SubscribeTx(boolean challenged) implements Pending {}

    private record ByeTx() implements Pending {}

    /** A re-INVITE that starts ({@code sharing}) or stops sharing the screen with a fresh slides stream. */
    private record ReinviteTx(MeetingCall call, SessionDescription offer, MediaStream slides, boolean sharing)
            implements Pending {}

    private final SessionConfig config;
    private final SessionListener listener;
    private final ScheduledExecutorService actor;
    private final ExecutorService events;
    private final UaStack ua;
    private final Challenges challenges;
    private final Registration registration;
    private final MemberList members;
    private final ControlDialogs controlDialogs;
    private final Map<ClientTransaction, Pending> pending = new HashMap<>();
    private final Map<MediaKind, Boolean> sending = new EnumMap<>(MediaKind.class);

    // State below: session thread only; volatile where the getters read it.
    private @Nullable MeetingCall call;
    private volatile Optional<String> meetingId = Optional.empty();
    private volatile RegistrationState registrationState = RegistrationState.UNREGISTERED;
    /** A BYE from the focus waiting for its reason. */
    private @Nullable ScheduledFuture<?> endTimer;

    private String endingMeeting = "";
    private boolean closed;
    private @Nullable CountDownLatch closing;

    private SipSession(
            SessionConfig config,
            SessionListener listener,
            ScheduledExecutorService actor,
            ExecutorService events,
            InetAddress local)
            throws IOException {
        this.config = config;
        this.listener = listener;
        this.actor = actor;
        this.events = events;
        this.ua = UaStack.start(config.account(), local, config.sipPort(), this);
        this.challenges = new Challenges(ua);
        this.registration = new Registration(ua);
        this.members = new MemberList(ua, challenges, actor, config.account().aor());
        this.controlDialogs = new ControlDialogs(ua, challenges, this::run);
    }

    /**
     * Starts the SIP stack on the configured (or found) local address; nothing is sent until a
     * method asks. Fails when the address cannot be found or bound.
     */
    public static SipSession start(SessionConfig config, SessionListener listener) throws IOException {
        Account a = config.account();
        InetAddress local = config.localAddress().isPresent()
                ? InetAddress.getByName(config.localAddress().get())
                : UaStack.localAddressToward(a.serverHost(), a.serverPort());
        ScheduledExecutorService actor = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "ua-session"));
        ExecutorService events = Executors.newSingleThreadExecutor(r -> thread(r, "ua-events"));
        try {
            return new SipSession(config, listener, actor, events, local);
        } catch (IOException | RuntimeException e) {
            actor.shutdownNow();
            events.shutdownNow();
            throw e;
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public InetAddress localAddress() {
        return ua.local;
    }

    /** This agent's own contact, {@code sip:user@address:port}: where a peer reaches it without a server. */
    public String contactUri() {
        return "sip:" + config.account().user() + "@" + ua.local.getHostAddress() + ":" + ua.port;
    }

    /**
     * {@inheritDoc} Incoming INVITEs that offer the {@code hip} input stream go to the handler
     * (without one: 486); any other new INVITE is 486. Closing the session ends every control call.
     */
    @Override
    public ControlCalls controlCalls() {
        return controlDialogs;
    }

    // ---- the API: each call queues its work on the session thread ----

    @Override
    public Account account() {
        return config.account();
    }

    @Override
    public void register() {
        run(() -> sendRegister(Registration.EXPIRES));
    }

    @Override
    public void createMeeting() {
        run(() -> invite(MeetingAddress.factoryUri(config.account().domain()), true));
    }

    @Override
    public void join(String meeting) {
        run(() -> {
            Optional<String> uri =
                    MeetingAddress.uriOf(meeting, config.account().domain());
            if (uri.isEmpty()) {
                emit(new SessionEvent.MeetingFailed(
                        meeting,
                        0,
                        "a meeting is a 6-digit ID or a URI like sip:831620@"
                                + config.account().domain()));
                return;
            }
            invite(uri.get(), false);
        });
    }

    @Override
    public void leave() {
        run(this::sendBye);
    }

    @Override
    public void control(HostAction action) {
        run(() -> sendInfo(action));
    }

    @Override
    public void setSending(MediaKind kind, boolean on) {
        run(() -> {
            sending.put(kind, on);
            MeetingCall c = call;
            if (c != null && kind == MediaKind.SLIDES) {
                shareScreen(c, on);
            } else if (c != null) {
                c.stream(kind).ifPresent(s -> s.setSending(on));
            }
        });
    }

    @Override
    public void sendDtmf(char key) {
        run(() -> {
            MeetingCall c = call;
            boolean sent = c != null
                    && c.established
                    && c.stream(MediaKind.AUDIO).map(s -> s.sendDtmf(key)).orElse(false);
            if (!sent) {
                emit(new SessionEvent.Problem("key " + key + " not sent: no audio call"));
            }
        });
    }

    @Override
    public RegistrationState registration() {
        return registrationState;
    }

    @Override
    public Optional<String> meetingId() {
        return meetingId;
    }

    @Override
    public Roster roster() {
        return members.roster();
    }

    @Override
    public boolean isHost() {
        return members.roster()
                .member(config.account().aor())
                .map(RosterMember::host)
                .orElse(false);
    }

    @Override
    public void close() {
        CountDownLatch done = new CountDownLatch(1);
        try {
            actor.execute(() -> shutdown(done));
        } catch (RejectedExecutionException e) {
            return;
        }
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        actor.shutdownNow();
        try {
            actor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ua.close();
        emit(new SessionEvent.Closed());
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownNow();
    }

    /** Leaves, unsubscribes and unregisters, then counts {@code done} down once those are answered (or at once). */
    private void shutdown(CountDownLatch done) {
        if (closed) {
            done.countDown();
            return;
        }
        closed = true;
        closing = done;
        controlDialogs.closeNow();
        sendBye();
        cancelEndTimer();
        registration.cancelRefresh();
        if (registrationState == RegistrationState.REGISTERED) {
            sendRegister(0);
        }
        maybeClosed();
    }

    private void maybeClosed() {
        CountDownLatch c = closing;
        if (c != null && pending.isEmpty()) {
            c.countDown();
        }
    }

    // ---- registration ----

    private void sendRegister(int expires) {
        try {
            registrationState = expires > 0 ? RegistrationState.REGISTERING : registrationState;
            if (expires > 0) {
                emit(new SessionEvent.RegistrationChanged(
                        RegistrationState.REGISTERING, config.account().aor()));
            }
            ClientTransaction tx = ua.provider.getNewClientTransaction(registration.request(expires));
            pending.put(tx, new RegisterTx(expires, false));
            tx.sendRequest();
        } catch (Exception e) {
            registrationFailed("could not send REGISTER: " + e.getMessage());
        }
    }

    private void onRegisterResponse(ClientTransaction tx, RegisterTx p, Response r) {
        int status = r.getStatusCode();
        if ((status == 401 || status == 407) && !p.challenged()) {
            retryWithCredentials(tx, r, new RegisterTx(p.expires(), true));
            return;
        }
        if (p.expires() == 0) {
            registrationState = RegistrationState.UNREGISTERED;
            emit(new SessionEvent.RegistrationChanged(
                    RegistrationState.UNREGISTERED, config.account().aor()));
            return;
        }
        if (status / 100 == 2) {
            int granted = registration.grantedExpires(r);
            registrationState = RegistrationState.REGISTERED;
            emit(new SessionEvent.RegistrationChanged(
                    RegistrationState.REGISTERED, config.account().aor() + " for " + granted + " s"));
            registration.scheduleRefresh(actor, granted, () -> sendRegister(Registration.EXPIRES));
            return;
        }
        registrationFailed(PlainWords.registration(status, r.getReasonPhrase(), p.challenged()));
    }

    private void registrationFailed(String why) {
        registrationState = RegistrationState.FAILED;
        LOG.info("registration of {} failed: {}", config.account().aor(), why);
        emit(new SessionEvent.RegistrationChanged(RegistrationState.FAILED, why));
    }

    // ---- the meeting call ----

    private void invite(String uri, boolean creating) {
        if (call != null) {
            emit(new SessionEvent.MeetingFailed(uri, 0, "already in a meeting: leave it first"));
            return;
        }
        MeetingCall c;
        try {
            c = MeetingCall.open(uri, creating, config.media(), ua.local);
        } catch (IOException | RuntimeException e) {
            emit(new SessionEvent.MeetingFailed(uri, 0, "could not open the media: " + e.getMessage()));
            return;
        }
        call = c;
        try {
            Request invite = ua.request(Request.INVITE, uri, uri, "");
            invite.addHeader(ua.headers.createAllowHeader("INVITE, ACK, BYE, CANCEL, INFO, NOTIFY, OPTIONS"));
            invite.setContent(c.offer.toString(), ua.headers.createContentTypeHeader("application", "sdp"));
            ClientTransaction tx = ua.provider.getNewClientTransaction(invite);
            pending.put(tx, new InviteTx(c));
            tx.sendRequest();
        } catch (Exception e) {
            failCall(c, 0, "could not send the INVITE: " + e.getMessage());
        }
    }

    // ---- screen share: a second video stream with a=content:slides (RFC 4796) by re-INVITE ----

    private void shareScreen(MeetingCall c, boolean on) {
        Dialog d = c.dialog;
        if (!c.established || d == null) {
            emit(new SessionEvent.Problem("screen share needs a meeting"));
            return;
        }
        if (on == c.sharing) {
            return;
        }
        Optional<MediaStreamFactory> factory = config.media().stream()
                .filter(f -> f.kind() == MediaKind.SLIDES)
                .findFirst();
        if (factory.isEmpty() || c.stream(MediaKind.SLIDES).isEmpty()) {
            emit(new SessionEvent.Problem("this agent was started without a screen to share"));
            return;
        }
        if (!on) {
            // The screen stops now, not at the 200: the server moves the slides endpoint to the
            // fresh stream's port before we hear it, and what the old port sends meanwhile is
            // only dropped (the mixer refuses to latch its old address again).
            c.stream(MediaKind.SLIDES).ifPresent(s -> s.setSending(false));
        }
        MediaStream fresh = null;
        try {
            fresh = factory.get().open(c.local);
            SessionDescription next = c.offerSlides(fresh.local(), on);
            Request reinvite = d.createRequest(Request.INVITE);
            reinvite.setContent(next.toString(), ua.headers.createContentTypeHeader("application", "sdp"));
            ClientTransaction tx = ua.provider.getNewClientTransaction(reinvite);
            pending.put(tx, new ReinviteTx(c, next, fresh, on));
            d.sendRequest(tx);
        } catch (Exception e) {
            if (fresh != null) {
                fresh.close();
            }
            emit(new SessionEvent.Problem(
                    "could not " + (on ? "share" : "stop sharing") + " the screen: " + e.getMessage()));
        }
    }

    /** The focus's answer to a re-INVITE: the fresh slides stream replaces the old one, or is dropped. */
    private void onReinviteResponse(ReinviteTx p, ResponseEvent event) {
        Response r = event.getResponse();
        MeetingCall c = p.call();
        Dialog d = c.dialog;
        if (r.getStatusCode() / 100 != 2 || call != c || d == null) {
            p.slides().close();
            if (!p.sharing() && c.sharing) {
                c.stream(MediaKind.SLIDES).ifPresent(s -> s.setSending(true)); // still presenting
            }
            if (call == c) {
                Optional<String> warning =
                        Optional.ofNullable(r.getHeader("Warning")).map(h -> PlainWords.warningText(headerValue(h)));
                String why = warning.orElse(r.getReasonPhrase());
                LOG.info(
                        "{} the screen in {} refused: {} {}",
                        p.sharing() ? "sharing" : "unsharing",
                        c.meetingId,
                        r.getStatusCode(),
                        why);
                emit(new SessionEvent.ScreenShareRefused(p.sharing(), r.getStatusCode(), why));
            }
            return;
        }
        try {
            long n = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            d.sendAck(d.createAck(n));
        } catch (Exception e) {
            LOG.warn("ACK of the re-INVITE failed: {}", e.toString());
        }
        c.offer = p.offer();
        Optional<StreamNegotiation> s;
        try {
            byte[] body = r.getRawContent();
            Negotiation n =
                    Offers.readAnswer(p.offer(), SdpParser.parse(body == null ? new byte[0] : body), Profiles.DESKTOP);
            s = n.streams().stream()
                    .filter(x -> x.kind().equals(Optional.of(MediaKind.SLIDES)))
                    .findFirst();
        } catch (SdpParseException e) {
            s = Optional.empty();
        }
        Optional.ofNullable(c.streams.put(MediaKind.SLIDES, p.slides())).ifPresent(MediaStream::close);
        if (s.isEmpty() || !s.get().accepted()) {
            c.streams.remove(MediaKind.SLIDES).close();
            c.sharing = false;
            emit(new SessionEvent.ScreenShareRefused(p.sharing(), 200, "the meeting refused the screen share stream"));
            return;
        }
        c.sharing = p.sharing();
        p.slides().start(s.get());
        LOG.info("{} the screen in {}", p.sharing() ? "sharing" : "stopped sharing", c.meetingId);
        emit(new SessionEvent.ScreenShareChanged(p.sharing()));
        if (p.sharing()) {
            emit(new SessionEvent.MediaStarted(
                    MediaKind.SLIDES,
                    s.get().mediaFormats().isEmpty()
                            ? "?"
                            : s.get().mediaFormats().get(0).rtpMap().encoding() + "/90000",
                    s.get().remoteHost().orElse("?") + ":" + s.get().remotePort()));
        }
    }

    private void onInviteResponse(ClientTransaction tx, InviteTx p, ResponseEvent event) {
        Response r = event.getResponse();
        MeetingCall c = p.call();
        int status = r.getStatusCode();
        if (call != c) {
            // A call given up meanwhile (leave, close): end what the focus set up.
            if (status / 100 == 2) {
                ackThenBye(event);
            }
            return;
        }
        if ((status == 401 || status == 407) && !c.challenged) {
            c.challenged = true;
            retryWithCredentials(tx, r, p);
            return;
        }
        if (status / 100 != 2) {
            Optional<String> warning =
                    Optional.ofNullable(r.getHeader("Warning")).map(h -> PlainWords.warningText(headerValue(h)));
            failCall(c, status, PlainWords.meeting(status, r.getReasonPhrase(), warning, c.challenged));
            return;
        }
        Dialog dialog = event.getDialog();
        c.dialog = dialog;
        try {
            long n = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(n));
        } catch (Exception e) {
            LOG.warn("ACK failed: {}", e.toString());
        }
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        Optional<String> id =
                contact == null ? Optional.empty() : MeetingAddress.idFromFocusContact(headerValue(contact));
        if (id.isEmpty()) {
            id = MeetingAddress.idOf(c.target);
        }
        if (id.isEmpty()) {
            failEstablished(c, "the server answered without a meeting ID (no isfocus Contact)");
            return;
        }
        Negotiation n;
        try {
            byte[] body = r.getRawContent();
            SessionDescription answer = SdpParser.parse(body == null ? new byte[0] : body);
            n = Offers.readAnswer(c.offer, answer, Profiles.DESKTOP);
        } catch (SdpParseException e) {
            failEstablished(c, "the server's SDP answer is unreadable: " + e.getMessage());
            return;
        }
        if (!n.anyAccepted()) {
            failEstablished(c, "no common codec: " + n.refusalSummary());
            return;
        }
        c.established = true;
        c.meetingId = id.get();
        c.meetingUri = "sip:" + id.get() + "@" + config.account().domain();
        meetingId = Optional.of(id.get());
        LOG.info("{} meeting {}", c.creating ? "created" : "joined", c.meetingId);
        emit(new SessionEvent.MeetingJoined(c.meetingId, c.meetingUri, c.creating));
        startMedia(c, n);
        members.subscribe(c.meetingUri, this::track);
    }

    private void startMedia(MeetingCall c, Negotiation n) {
        for (StreamNegotiation s : n.streams()) {
            MediaKind kind = s.kind().orElse(null);
            MediaStream stream = kind == null ? null : c.streams.get(kind);
            if (stream == null || kind == null) {
                continue;
            }
            if (!s.accepted()) {
                c.streams.remove(kind).close();
                LOG.info(
                        "{} refused by the focus: {}",
                        kind,
                        s.rejection().map(Object::toString).orElse(""));
                continue;
            }
            try {
                stream.start(s);
                Boolean on = sending.get(kind);
                if (on != null) {
                    stream.setSending(on);
                }
                MediaDescription m = s.offered();
                String codec = s.mediaFormats().isEmpty()
                        ? m.formats().toString()
                        : s.mediaFormats().get(0).rtpMap().encoding() + "/"
                                + s.mediaFormats().get(0).rtpMap().clockRate();
                emit(new SessionEvent.MediaStarted(kind, codec, s.remoteHost().orElse("?") + ":" + s.remotePort()));
            } catch (RuntimeException e) {
                emit(new SessionEvent.Problem(
                        kind.name().toLowerCase(java.util.Locale.ROOT) + " could not start: " + e.getMessage()));
            }
        }
    }

    /** A 2xx for a call given up: ACK it (RFC 3261 §13.2.2.4), then BYE. */
    private void ackThenBye(ResponseEvent event) {
        try {
            Dialog d = event.getDialog();
            long n = ((CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            d.sendAck(d.createAck(n));
            ClientTransaction bye = ua.provider.getNewClientTransaction(d.createRequest(Request.BYE));
            pending.put(bye, new ByeTx());
            d.sendRequest(bye);
        } catch (Exception e) {
            LOG.warn("could not end an abandoned call: {}", e.toString());
        }
    }

    private void failCall(MeetingCall c, int status, String why) {
        c.closeMedia();
        if (call == c) {
            call = null;
        }
        LOG.info("{} failed: {}", c.target, why);
        emit(new SessionEvent.MeetingFailed(c.target, status, why));
    }

    /** The focus said 200 but the call cannot go on: hang up and say why. */
    private void failEstablished(MeetingCall c, String why) {
        call = c;
        sendBye();
        emit(new SessionEvent.MeetingFailed(c.target, 200, why));
    }

    private void sendBye() {
        MeetingCall c = call;
        if (c == null) {
            return;
        }
        call = null;
        meetingId = Optional.empty();
        c.closeMedia();
        members.unsubscribe(this::track);
        Dialog d = c.dialog;
        if (d != null && c.established) {
            try {
                ClientTransaction tx = ua.provider.getNewClientTransaction(d.createRequest(Request.BYE));
                pending.put(tx, new ByeTx());
                d.sendRequest(tx);
            } catch (Exception e) {
                LOG.warn("BYE failed: {}", e.toString());
            }
            emit(new SessionEvent.MeetingLeft(c.meetingId));
        }
    }

    private void sendInfo(HostAction action) {
        MeetingCall c = call;
        Dialog d = c == null ? null : c.dialog;
        if (c == null || d == null || !c.established) {
            emit(new SessionEvent.HostActionRefused(action, 0, "not in a meeting"));
            return;
        }
        try {
            Request info = d.createRequest(Request.INFO);
            info.addHeader(ua.headers.createHeader("Info-Package", HostAction.PACKAGE));
            info.setContent(action.json(), ua.headers.createContentTypeHeader("application", "json"));
            ClientTransaction tx = ua.provider.getNewClientTransaction(info);
            pending.put(tx, new InfoTx(action));
            d.sendRequest(tx);
        } catch (Exception e) {
            emit(new SessionEvent.HostActionRefused(action, 0, "could not send it: " + e.getMessage()));
        }
    }

    private void onInfoResponse(InfoTx p, Response r) {
        if (r.getStatusCode() / 100 == 2) {
            emit(new SessionEvent.HostActionDone(p.action()));
        } else {
            emit(new SessionEvent.HostActionRefused(p.action(), r.getStatusCode(), r.getReasonPhrase()));
        }
    }

    /**
     * The focus hung up. Its BYE's Reason header says why; a focus that gives none is waited for
     * a moment, for the member list to say it.
     */
    private void onFocusBye(MeetingCall c, Optional<EndReason> said) {
        call = null;
        meetingId = Optional.empty();
        c.closeMedia();
        endingMeeting = c.meetingId;
        Optional<EndReason> known = said.or(members::endReason);
        if (known.isPresent()) {
            finishEnd(known.get());
            return;
        }
        endTimer = actor.schedule(
                () -> finishEnd(members.endReason().orElse(EndReason.ENDED_BY_SERVER)),
                END_REASON_WAIT_MS,
                TimeUnit.MILLISECONDS);
    }

    /** Called by the member list after each NOTIFY. */
    private void track(MemberList.Change change) {
        for (SessionEvent e : change.events()) {
            emit(e);
        }
        if (!endingMeeting.isEmpty()) {
            members.endReason().ifPresent(this::finishEnd);
        }
    }

    private void finishEnd(EndReason reason) {
        if (endingMeeting.isEmpty()) {
            return;
        }
        cancelEndTimer();
        String id = endingMeeting;
        endingMeeting = "";
        members.unsubscribe(this::track);
        LOG.info("meeting {} ended: {}", id, reason.words());
        emit(new SessionEvent.MeetingEnded(id, reason));
    }

    private void cancelEndTimer() {
        ScheduledFuture<?> t = endTimer;
        if (t != null) {
            t.cancel(false);
            endTimer = null;
        }
    }

    // ---- challenges ----

    private void retryWithCredentials(ClientTransaction tx, Response challenge, Pending next) {
        try {
            ClientTransaction retry = challenges.answer(challenge, tx);
            pending.put(retry, next);
            retry.sendRequest();
        } catch (Challenges.UnanswerableException e) {
            fail(next, challenge.getStatusCode(), String.valueOf(e.getMessage()));
        } catch (Exception e) {
            fail(next, challenge.getStatusCode(), "could not answer the challenge: " + e.getMessage());
        }
    }

    private void fail(Pending p, int status, String why) {
        if (p instanceof RegisterTx) {
            registrationFailed(why);
        } else if (p instanceof InviteTx i) {
            failCall(i.call(), status, why);
        } else if (p instanceof InfoTx info) {
            emit(new SessionEvent.HostActionRefused(info.action(), status, why));
        } else if (p instanceof SubscribeTx) {
            emit(new SessionEvent.Problem("no member list: " + why));
        } else if (p instanceof ReinviteTx re) {
            re.slides().close();
            emit(new SessionEvent.ScreenShareRefused(re.sharing(), status, why));
        }
    }

    // ---- SipListener: every event moves to the session thread ----

    @Override
    public void processResponse(ResponseEvent event) {
        run(() -> onResponse(event));
    }

    private void onResponse(ResponseEvent event) {
        ClientTransaction tx = event.getClientTransaction();
        Response r = event.getResponse();
        if (tx == null) {
            return; // a retransmitted 2xx: jain-sip re-sends the ACK itself
        }
        if (r.getStatusCode() < 200) {
            return;
        }
        Pending p = pending.remove(tx);
        if (p == null) {
            if (!controlDialogs.onResponse(tx, event)) {
                members.onResponse(tx, event, this::track);
            }
        } else if (p instanceof RegisterTx reg) {
            onRegisterResponse(tx, reg, r);
        } else if (p instanceof InviteTx inv) {
            onInviteResponse(tx, inv, event);
        } else if (p instanceof ReinviteTx re) {
            onReinviteResponse(re, event);
        } else if (p instanceof InfoTx info) {
            onInfoResponse(info, r);
        }
        maybeClosed();
    }

    @Override
    public void processRequest(RequestEvent event) {
        run(() -> onRequest(event));
    }

    private void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            return;
        }
        try {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                st = ua.provider.getNewServerTransaction(request);
            }
            switch (method) {
                case Request.BYE -> {
                    st.sendResponse(ua.messages.createResponse(Response.OK, request));
                    MeetingCall c = call;
                    if (c != null && c.dialog != null && c.dialog == event.getDialog()) {
                        Header reason = request.getHeader("Reason");
                        onFocusBye(c, EndReason.fromReasonHeader(reason == null ? null : reason.toString()));
                    } else {
                        controlDialogs.onBye(request);
                    }
                }
                case Request.CANCEL -> {
                    st.sendResponse(ua.messages.createResponse(Response.OK, request));
                    controlDialogs.onCancel(request);
                }
                case Request.NOTIFY -> {
                    st.sendResponse(ua.messages.createResponse(Response.OK, request));
                    members.onNotify(request, event.getDialog(), this::track);
                }
                case Request.OPTIONS, Request.INFO -> st.sendResponse(ua.messages.createResponse(Response.OK, request));
                case Request.INVITE -> onInvite(request, st);
                default -> st.sendResponse(ua.messages.createResponse(Response.METHOD_NOT_ALLOWED, request));
            }
        } catch (Exception e) {
            LOG.warn("could not answer {}: {}", method, e.toString());
        }
    }

    /**
     * An INVITE to this agent: a new one offering remote control goes to the control side; any other
     * new call is 486 (the agent takes no calls but control) and a re-INVITE 488 (neither the
     * focus's nor a control session's change mid-way).
     */
    private void onInvite(Request request, ServerTransaction st) throws Exception {
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            st.sendResponse(ua.messages.createResponse(Response.NOT_ACCEPTABLE_HERE, request));
            return;
        }
        SessionDescription offer;
        try {
            byte[] body = request.getRawContent();
            offer = SdpParser.parse(body == null ? new byte[0] : body);
        } catch (SdpParseException e) {
            Response bad = ua.messages.createResponse(Response.BAD_REQUEST, request);
            bad.setReasonPhrase("Bad SDP: " + e.getMessage());
            st.sendResponse(bad);
            return;
        }
        if (ControlDialogs.isControlOffer(offer)) {
            controlDialogs.onInvite(request, st, offer);
        } else {
            st.sendResponse(ua.messages.createResponse(Response.BUSY_HERE, request));
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        run(() -> {
            ClientTransaction tx = event.getClientTransaction();
            Pending p = tx == null ? null : pending.remove(tx);
            if (p != null) {
                fail(p, 408, "no answer from the server at " + config.account().server());
            } else if (tx != null) {
                controlDialogs.onTimeout(tx);
            }
            maybeClosed();
        });
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        run(() -> emit(new SessionEvent.Problem("network error toward " + event.getHost() + ":" + event.getPort())));
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}

    // ---- plumbing ----

    private void run(Runnable work) {
        try {
            actor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("session: {}", e.toString());
                    emit(new SessionEvent.Problem("internal error: " + e));
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: nothing more happens
        }
    }

    private void emit(SessionEvent event) {
        try {
            events.execute(() -> {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    static String headerValue(javax.sip.header.Header h) {
        String s = h.toString().trim();
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(colon + 1).trim();
    }

    static int expiresOf(Response r, int asked) {
        ExpiresHeader e = r.getExpires();
        return e != null ? e.getExpires() : asked;
    }
}
