package dev.parley.proxy.sip;

import dev.parley.proxy.focus.ByeReason;
import dev.parley.proxy.focus.Control;
import dev.parley.proxy.focus.ControlBody;
import dev.parley.proxy.focus.DtmfMenu;
import dev.parley.proxy.focus.Effect;
import dev.parley.proxy.focus.Focus;
import dev.parley.proxy.focus.Member;
import dev.parley.proxy.focus.MemberId;
import dev.parley.proxy.focus.MemberMedia;
import dev.parley.proxy.focus.Outcome;
import dev.parley.proxy.focus.RoomId;
import dev.parley.proxy.focus.SessionTimers;
import dev.parley.proxy.mixer.MediaAllocator;
import dev.parley.proxy.mixer.MixerUnavailableException;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.AnswerParams;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferAnswer;
import dev.parley.sdp.negotiation.OfferParams;
import dev.parley.sdp.negotiation.Offers;
import dev.parley.sdp.negotiation.Profile;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.sdp.negotiation.StreamSpec;
import gov.nist.javax.sip.message.SIPMessage;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conference focus on the wire (RFC 4579, DESIGN.md "What the user does"): INVITE to the
 * factory URI creates a meeting, INVITE to {@code sip:ID@DOMAIN} joins it, BYE leaves, INFO of
 * the {@code conference-control} package commands it, SUBSCRIBE watches it. Decisions come
 * from {@link Focus}; their effects run in order on one thread, so NOTIFY versions go out in
 * sequence.
 */
final class FocusService implements AutoCloseable {
    /** The conference factory URI's user part: {@code sip:conference@DOMAIN}. */
    static final String FACTORY_USER = "conference";

    private static final Logger LOG = LoggerFactory.getLogger(FocusService.class);

    /** A member's dialog with the focus and what was negotiated in it. */
    /**
     * A member's call. {@code lateOffer} is the focus's own offer while it waits for the answer in
     * the ACK (an INVITE that came without SDP, RFC 3261 §13.2.1).
     */
    private record Participant(
            RoomId room,
            MemberId member,
            Dialog dialog,
            SipProvider provider,
            Origin origin,
            Optional<SessionDescription> lateOffer) {
        Participant(RoomId room, MemberId member, Dialog dialog, SipProvider provider, Origin origin) {
            this(room, member, dialog, provider, origin, Optional.empty());
        }
    }

    /**
     * What the focus offers when an INVITE brings no SDP: the mixer profile's audio without
     * rtcp-mux, so that an answer without it does not move the mixer's ports (RFC 5761 §5.1.1).
     */
    private static final Profile LATE_OFFER = new Profile(
            "mixer-late-offer",
            Profiles.MIXER.streams().stream()
                    .filter(spec -> spec.kind() == MediaKind.AUDIO)
                    .map(spec -> new StreamSpec(
                            spec.kind(),
                            spec.protocols(),
                            spec.codecs(),
                            spec.direction(),
                            false,
                            spec.ptime(),
                            spec.cryptoSuites()))
                    .toList());

    private final SipContext sip;
    private final Responder responder;
    private final Focus focus;
    private final MediaAllocator media;
    private final String domain;
    private final Set<String> localHosts;
    private final Clock clock;
    private final CallerAuthentication callers;
    private final FocusSubscriptions subscriptions;
    private final SessionTimers timers = new SessionTimers();
    private final Map<MemberId, Participant> participants = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private final DtmfMenu menu = new DtmfMenu();

    private final ExecutorService effects = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "focus-effects");
        t.setDaemon(true);
        return t;
    });

    FocusService(
            SipContext sip,
            Responder responder,
            Focus focus,
            MediaAllocator media,
            String domain,
            Set<String> localHosts,
            Clock clock,
            CallerAuthentication callers) {
        this.sip = sip;
        this.callers = callers;
        this.responder = responder;
        this.focus = focus;
        this.media = media;
        this.domain = domain;
        this.localHosts = Set.copyOf(localHosts);
        this.clock = clock;
        this.subscriptions = new FocusSubscriptions(sip, responder, focus, domain, clock);
    }

    /** True for requests to the factory URI or a 6-digit conference URI of this server. */
    boolean owns(Request request) {
        Optional<String> user = SipParties.requestUser(request);
        Optional<String> host = SipParties.requestHost(request);
        return user.isPresent()
                && host.isPresent()
                && (host.get().equalsIgnoreCase(domain) || localHosts.contains(host.get()))
                && (user.get().equals(FACTORY_USER) || RoomId.parse(user.get()).isPresent());
    }

    void handle(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, SipException, InvalidArgumentException {
        boolean opensDialog = (request.getMethod().equals(Request.INVITE)
                        || request.getMethod().equals(Request.SUBSCRIBE))
                && !SipParties.hasToTag(request);
        if (opensDialog && !callers.passes(provider, tx, request)) {
            return;
        }
        switch (request.getMethod()) {
            case Request.INVITE -> invite(provider, tx, request);
            case Request.BYE -> bye(provider, tx, request);
            case Request.INFO -> info(provider, tx, request);
            case Request.REFER -> refer(provider, tx, request);
            case Request.UPDATE -> update(provider, tx, request);
            case Request.SUBSCRIBE -> subscriptions.subscribe(provider, tx, request);
            default -> {
                Response r = sip.response(Response.METHOD_NOT_ALLOWED, "Method Not Allowed", request);
                r.addHeader(sip.headers()
                        .createAllowHeader("INVITE, ACK, BYE, CANCEL, INFO, REFER, UPDATE, SUBSCRIBE, OPTIONS"));
                responder.send(provider, tx, r);
            }
        }
    }

    private void invite(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, SipException, InvalidArgumentException {
        MemberId id = new MemberId(SipParties.dialogKey(request));
        if (tooSmallInterval(provider, tx, request)) {
            return;
        }
        if (SipParties.hasToTag(request)) {
            reinvite(provider, tx, request, id);
            return;
        }
        byte[] body = request.getRawContent();
        boolean late = body == null || body.length == 0;
        Optional<SessionDescription> offer =
                late ? Optional.of(lateOfferTemplate(request)) : offer(provider, tx, request);
        if (offer.isEmpty()) {
            return;
        }
        Negotiation n = OfferAnswer.negotiate(offer.get(), late ? LATE_OFFER : Profiles.MIXER);
        if (!n.anyAccepted()) {
            Response r = sip.response(Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", request);
            r.addHeader(warning(305, n.refusalSummary()));
            responder.send(provider, tx, r);
            LOG.info("INVITE from {} refused: 488 {}", SipParties.aor(request), n.refusalSummary());
            return;
        }
        Member member = Member.joining(
                id, SipParties.aor(request), SipParties.displayName(request), SipParties.contact(request), media(n));
        String user = SipParties.requestUser(request).orElse("");
        Optional<RoomId> room;
        Outcome joined;
        synchronized (this) {
            if (user.equals(FACTORY_USER)) {
                room = focus.create(member, clock.instant());
                joined = room.isPresent()
                        ? new Outcome(200, "OK", List.of())
                        : new Outcome(503, "No free meeting number", List.of());
            } else {
                room = RoomId.parse(user);
                joined = focus.join(room.orElseThrow(), member, clock.instant());
            }
        }
        if (room.isEmpty() || !joined.isOk()) {
            responder.send(provider, tx, sip.response(joined.status(), joined.reason(), request));
            LOG.info("INVITE from {} to {} refused: {} {}", member.userUri(), user, joined.status(), joined.reason());
            return;
        }
        MediaAllocator.Allocation ports;
        try {
            ports = media.allocate(room.get(), id, n);
        } catch (MixerUnavailableException e) {
            LOG.warn("{} could not join {}: mixer: {}", member.userUri(), room.get(), e.getMessage());
            run(focus.leave(room.get(), id).effects());
            Response r = sip.response(Response.SERVICE_UNAVAILABLE, "Mixer Unavailable", request);
            r.addHeader(sip.headers().createRetryAfterHeader(5));
            responder.send(provider, tx, r);
            return;
        }
        Origin origin = Origin.of("parley", ThreadLocalRandom.current().nextLong(1L << 40), 1, ports.address());
        SessionDescription answer = late
                ? Offers.offer(
                        LATE_OFFER,
                        new OfferParams(
                                origin,
                                "Parley",
                                ports.address(),
                                Map.of(MediaKind.AUDIO, ports.streams().get(0))))
                : n.answer(new AnswerParams(origin, "Parley", ports.address(), ports.streams()));
        Dialog dialog = provider.getNewDialog(tx);
        participants.put(
                id,
                new Participant(
                        room.get(), id, dialog, provider, origin, late ? Optional.of(answer) : Optional.empty()));
        Response ok = sip.response(Response.OK, "OK", request);
        ok.addHeader(sip.headers()
                .createHeader(
                        "Contact", SipParties.focusContact(request, room.get().digits(), domain)));
        ok.addHeader(
                sip.headers().createAllowHeader("INVITE, ACK, BYE, CANCEL, INFO, REFER, UPDATE, SUBSCRIBE, OPTIONS"));
        ok.addHeader(sip.headers().createHeader("Recv-Info", ControlBody.PACKAGE));
        ok.setContent(answer.toString(), sip.headers().createContentTypeHeader("application", "sdp"));
        sessionTimer(request, ok, id);
        responder.send(provider, tx, ok);
        LOG.info("{} {} meeting {}", member.userUri(), user.equals(FACTORY_USER) ? "created" : "joined", room.get());
        run(joined.effects());
    }

    /**
     * A new offer in a member's dialog (RFC 3264 §8): hold, a new address, a stream added or
     * removed. Refused offers (488) and mixer failures (503) leave the session as it was.
     */
    private void reinvite(SipProvider provider, ServerTransaction tx, Request request, MemberId id)
            throws ParseException, SipException, InvalidArgumentException {
        Participant p = participants.get(id);
        if (p == null) {
            responder.send(provider, tx, sip.response(481, "Call/Transaction Does Not Exist", request));
            return;
        }
        Optional<SessionDescription> offer = offer(provider, tx, request);
        if (offer.isEmpty()) {
            return;
        }
        Negotiation n = OfferAnswer.negotiate(offer.get(), Profiles.MIXER);
        if (!n.anyAccepted()) {
            Response r = sip.response(Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", request);
            r.addHeader(warning(305, n.refusalSummary()));
            responder.send(provider, tx, r);
            return;
        }
        MediaAllocator.Allocation ports;
        try {
            ports = media.update(p.room(), id, n);
        } catch (MixerUnavailableException e) {
            LOG.warn("re-INVITE from {} in {}: mixer: {}", SipParties.aor(request), p.room(), e.getMessage());
            Response r = sip.response(Response.SERVICE_UNAVAILABLE, "Mixer Unavailable", request);
            r.addHeader(sip.headers().createRetryAfterHeader(5));
            responder.send(provider, tx, r);
            return;
        }
        Origin next = p.origin().nextVersion();
        participants.put(id, new Participant(p.room(), id, p.dialog(), p.provider(), next));
        SessionDescription answer = n.answer(new AnswerParams(next, "Parley", ports.address(), ports.streams()));
        Response ok = sip.response(Response.OK, "OK", request);
        ok.addHeader(sip.headers()
                .createHeader(
                        "Contact", SipParties.focusContact(request, p.room().digits(), domain)));
        ok.setContent(answer.toString(), sip.headers().createContentTypeHeader("application", "sdp"));
        sessionTimer(request, ok, id);
        responder.send(provider, tx, ok);
        LOG.info(
                "{} re-INVITE in {}: {}",
                SipParties.aor(request),
                p.room(),
                n.accepted().stream()
                        .map(s -> s.offered().media() + " "
                                + s.direction().reverse().attribute())
                        .toList());
        Outcome changed;
        synchronized (this) {
            changed = focus.updateMedia(p.room(), id, media(n));
        }
        run(changed.effects());
    }

    /**
     * An INVITE without SDP asks the focus to offer (RFC 3264 §5, RFC 3261 §13.2.1). The media
     * are set up as if the phone had offered everything the focus takes, from the address the
     * INVITE came from (the mixer latches the real port on the first packet); the answer in the
     * ACK then narrows them ({@link #ack}).
     */
    private SessionDescription lateOfferTemplate(Request request) {
        String from = ((SIPMessage) request).getRemoteAddress().getHostAddress();
        return Offers.offer(
                LATE_OFFER,
                new OfferParams(Origin.of("-", 0, 0, from), "-", from, Map.of(MediaKind.AUDIO, LocalStream.port(9))));
    }

    /**
     * The ACK of a 2xx. For a late-offer call it carries the answer: the member's media become
     * what it says; an ACK without a usable answer ends the call with a BYE, since the two sides
     * never agreed on media (RFC 3261 §13.2.1).
     */
    void ack(Request ack) {
        MemberId id = new MemberId(SipParties.dialogKey(ack));
        Participant p = participants.get(id);
        if (p == null || p.lateOffer().isEmpty()) {
            return;
        }
        byte[] body = ack.getRawContent();
        Negotiation n;
        try {
            if (body == null || body.length == 0) {
                throw new SdpParseException(0, "the ACK carries no SDP answer");
            }
            n = Offers.readAnswer(p.lateOffer().get(), SdpParser.parse(body), LATE_OFFER);
            if (!n.anyAccepted()) {
                throw new SdpParseException(0, n.refusalSummary());
            }
            participants.put(id, new Participant(p.room(), id, p.dialog(), p.provider(), p.origin()));
            media.update(p.room(), id, n);
        } catch (SdpParseException | MixerUnavailableException e) {
            hangUp(id, "no usable answer in the ACK (" + e.getMessage() + ")", ByeReason.NO_ANSWER);
            return;
        }
        Outcome changed;
        synchronized (this) {
            changed = focus.updateMedia(p.room(), id, media(n));
        }
        LOG.info(
                "{} in {}: answer in the ACK, {}",
                SipParties.aor(ack),
                p.room(),
                n.accepted().stream().map(x -> x.offered().media()).toList());
        run(changed.effects());
    }

    /** The SDP offer of an INVITE; answers 415/400 itself and returns empty when there is none to use. */
    private Optional<SessionDescription> offer(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException {
        byte[] body = request.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0) {
            // A re-INVITE without an offer asks for one; the focus does not make offers mid-call.
            Response r = sip.response(Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", request);
            r.addHeader(warning(399, "a re-INVITE needs an SDP offer"));
            responder.send(provider, tx, r);
            return Optional.empty();
        }
        if (type == null
                || !"application".equalsIgnoreCase(type.getContentType())
                || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            Response r = sip.response(Response.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", request);
            r.addHeader(sip.headers().createAcceptHeader("application", "sdp"));
            responder.send(provider, tx, r);
            return Optional.empty();
        }
        try {
            return Optional.of(SdpParser.parse(body));
        } catch (SdpParseException e) {
            Response r = sip.response(Response.BAD_REQUEST, "Bad Request", request);
            r.addHeader(warning(399, String.valueOf(e.getMessage())));
            responder.send(provider, tx, r);
            return Optional.empty();
        }
    }

    private void bye(SipProvider provider, ServerTransaction tx, Request request) throws ParseException {
        Participant p = participants.remove(new MemberId(SipParties.dialogKey(request)));
        if (p == null) {
            responder.send(provider, tx, sip.response(481, "Call/Transaction Does Not Exist", request));
            return;
        }
        responder.send(provider, tx, sip.response(Response.OK, "OK", request));
        timers.forget(p.member());
        LOG.info("{} left meeting {}", SipParties.aor(request), p.room());
        Outcome left;
        synchronized (this) {
            left = focus.leave(p.room(), p.member());
            menu.forget(p.member());
        }
        release(p);
        run(left.effects());
    }

    /** RFC 6086: the conference-control package from a member; any other package gets 469. */
    private void info(SipProvider provider, ServerTransaction tx, Request request) throws ParseException {
        Participant p = participants.get(new MemberId(SipParties.dialogKey(request)));
        if (p == null) {
            responder.send(provider, tx, sip.response(481, "Call/Transaction Does Not Exist", request));
            return;
        }
        String pkg =
                RegisterMapper.headerValue(request, "Info-Package").orElse("").trim();
        if (!pkg.equalsIgnoreCase(ControlBody.PACKAGE)) {
            Response r = sip.response(469, "Bad Info Package", request);
            r.addHeader(sip.headers().createHeader("Recv-Info", ControlBody.PACKAGE));
            responder.send(provider, tx, r);
            return;
        }
        Control command;
        try {
            byte[] raw = request.getRawContent();
            command = ControlBody.parse(raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
        } catch (ControlBody.BadControlException e) {
            responder.send(provider, tx, sip.response(Response.BAD_REQUEST, String.valueOf(e.getMessage()), request));
            return;
        }
        Outcome outcome;
        synchronized (this) {
            outcome = focus.control(p.room(), p.member(), command);
        }
        responder.send(provider, tx, sip.response(outcome.status(), outcome.reason(), request));
        LOG.info(
                "{} in {}: {} -> {} {}",
                SipParties.aor(request),
                p.room(),
                command.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
                outcome.status(),
                outcome.reason());
        run(outcome.effects());
    }

    /**
     * RFC 4579 §5.5: a REFER in a member's dialog whose Refer-To is another member's URI with
     * {@code method=BYE} removes that member, like the conference-control {@code kick}: host
     * only (403 otherwise, nothing changes), 404 for someone not in the meeting. Accepted with
     * 202, and the implicit subscription (RFC 3515) ends at once with a NOTIFY carrying
     * {@code SIP/2.0 200 OK}. A REFER that would invite someone (no {@code method=BYE}) gets 501:
     * the focus does not dial out.
     */
    private void refer(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, SipException, InvalidArgumentException {
        Participant p = participants.get(new MemberId(SipParties.dialogKey(request)));
        if (p == null) {
            responder.send(provider, tx, sip.response(Response.FORBIDDEN, "Only Members of the Meeting", request));
            return;
        }
        ReferToHeader referTo = (ReferToHeader) request.getHeader(ReferToHeader.NAME);
        if (referTo == null || !(referTo.getAddress().getURI() instanceof SipURI target) || target.getUser() == null) {
            responder.send(provider, tx, sip.response(Response.BAD_REQUEST, "Refer-To Must Name a Member", request));
            return;
        }
        if (!Request.BYE.equalsIgnoreCase(target.getMethodParam())) {
            responder.send(provider, tx, sip.response(Response.NOT_IMPLEMENTED, "Only Removal (method=BYE)", request));
            return;
        }
        String member = (target.isSecure() ? "sips:" : "sip:") + target.getUser() + "@" + target.getHost();
        Outcome outcome;
        synchronized (this) {
            outcome = focus.control(p.room(), p.member(), new Control.Kick(member));
        }
        LOG.info(
                "{} in {}: REFER BYE {} -> {} {}",
                SipParties.aor(request),
                p.room(),
                member,
                outcome.status(),
                outcome.reason());
        if (outcome.status() / 100 != 2) {
            responder.send(provider, tx, sip.response(outcome.status(), outcome.reason(), request));
            return;
        }
        responder.send(provider, tx, sip.response(Response.ACCEPTED, "Accepted", request));
        Request notify = p.dialog().createRequest(Request.NOTIFY);
        notify.addHeader(sip.headers().createEventHeader("refer"));
        notify.setHeader(sip.headers()
                .createHeader(
                        "Contact", SipParties.focusContact(request, p.room().digits(), domain)));
        SubscriptionStateHeader state = sip.headers().createSubscriptionStateHeader(SubscriptionStateHeader.TERMINATED);
        state.setReasonCode("noresource");
        notify.addHeader(state);
        ContentTypeHeader sipfrag = sip.headers().createContentTypeHeader("message", "sipfrag");
        sipfrag.setParameter("version", "2.0");
        notify.setContent("SIP/2.0 200 OK\r\n", sipfrag);
        p.dialog().sendRequest(p.provider().getNewClientTransaction(notify));
        run(outcome.effects());
    }

    /**
     * RFC 3311 UPDATE in a member's dialog: with an SDP offer it changes the media like a
     * re-INVITE; without one it is a session refresh (RFC 4028).
     */
    private void update(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, SipException, InvalidArgumentException {
        MemberId id = new MemberId(SipParties.dialogKey(request));
        if (!participants.containsKey(id)) {
            responder.send(provider, tx, sip.response(481, "Call/Transaction Does Not Exist", request));
            return;
        }
        if (tooSmallInterval(provider, tx, request)) {
            return;
        }
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            reinvite(provider, tx, request, id);
            return;
        }
        Response ok = sip.response(Response.OK, "OK", request);
        sessionTimer(request, ok, id);
        responder.send(provider, tx, ok);
    }

    /** RFC 4028 §9: a Session-Expires below 90 s gets 422 with Min-SE; true when it did. */
    private boolean tooSmallInterval(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, InvalidArgumentException {
        if (timerVerdict(request) instanceof SessionTimers.Verdict.TooSmall small) {
            Response r = sip.response(422, "Session Interval Too Small", request);
            r.addHeader(sip.headers()
                    .createHeader("Min-SE", Long.toString(small.minSe().toSeconds())));
            responder.send(provider, tx, r);
            return true;
        }
        return false;
    }

    private static SessionTimers.Verdict timerVerdict(Request request) {
        Optional<String> expires = RegisterMapper.headerValue(request, "Session-Expires")
                .or(() -> RegisterMapper.headerValue(request, "x"));
        boolean supported = false;
        for (var it = request.getHeaders(SupportedHeader.NAME); it.hasNext(); ) {
            Object h = it.next();
            // An empty "Supported:" (baresip sends one) has no option tag at all.
            String tag = h instanceof SupportedHeader sh ? sh.getOptionTag() : null;
            if (tag != null && "timer".equalsIgnoreCase(tag.strip())) {
                supported = true;
            }
        }
        return SessionTimers.verdict(expires, supported);
    }

    /**
     * The 2xx of an INVITE, re-INVITE or UPDATE: when the phone asked for a session timer and
     * refreshes it itself, {@code Session-Expires ...;refresher=uac} and {@code Require: timer},
     * and the member is watched ({@link #tick}).
     */
    private void sessionTimer(Request request, Response ok, MemberId id) throws ParseException {
        SessionTimers.Verdict verdict = timerVerdict(request);
        if (verdict instanceof SessionTimers.Verdict.Refreshed r) {
            ok.addHeader(sip.headers().createHeader("Session-Expires", r.header()));
            ok.addHeader(sip.headers().createRequireHeader("timer"));
        }
        timers.refreshed(id, verdict, clock.instant());
    }

    /** A key a member pressed on the phone (RFC 4733, reported by the mixer): the DTMF menu. */
    void keyPressed(MemberId member, char key) {
        Participant p = participants.get(member);
        if (p == null) {
            return;
        }
        Outcome outcome;
        String what;
        synchronized (this) {
            Optional<DtmfMenu.Choice> choice = menu.key(member, key, clock.instant());
            if (choice.isEmpty()) {
                return;
            }
            what = choice.get().name().toLowerCase(java.util.Locale.ROOT);
            outcome = switch (choice.get()) {
                case TOGGLE_SELF_MUTE -> focus.toggleSelfMute(p.room(), member);
                case TOGGLE_LOCK ->
                    focus.control(
                            p.room(),
                            member,
                            new Control.Lock(
                                    !focus.room(p.room()).map(r -> r.locked()).orElse(false)));
                case CLOSE -> focus.control(p.room(), member, new Control.Close());
            };
        }
        LOG.info(
                "{} in {}: keys *{} ({}) -> {} {}",
                member.value(),
                p.room(),
                key,
                what,
                outcome.status(),
                outcome.reason());
        run(outcome.effects());
    }

    /**
     * The mixer heard neither RTP nor RTCP from one of the member's streams for its RTP timeout
     * (docs/mixer-api.md): the phone is gone, so the member leaves as after a BYE, and gets a
     * BYE in case it is still there; its mixer endpoints are freed and subscribers notified.
     */
    void mediaTimedOut(MemberId member) {
        hangUp(member, "no media for the mixer's RTP timeout", ByeReason.NO_MEDIA);
    }

    /** The focus ends a member's call: it leaves as after a BYE, and gets a BYE. */
    private void hangUp(MemberId member, String why, ByeReason reason) {
        Participant p = participants.get(member);
        if (p == null) {
            return;
        }
        Outcome left;
        synchronized (this) {
            left = focus.leave(p.room(), member);
            menu.forget(member);
        }
        timers.forget(member);
        LOG.info("{} in {}: {}, call ended", member.value(), p.room(), why);
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Bye(member, reason));
        effects.addAll(left.effects());
        run(effects);
    }

    /** Carries out a decision's effects on the focus thread, in order. */
    private void run(List<Effect> list) {
        if (!list.isEmpty()) {
            effects.execute(() -> list.forEach(this::apply));
        }
    }

    private void apply(Effect effect) {
        try {
            if (effect instanceof Effect.Notify n) {
                subscriptions.publish(n);
            } else if (effect instanceof Effect.Bye bye) {
                Participant p = participants.remove(bye.member());
                timers.forget(bye.member());
                if (p != null) {
                    Request request = p.dialog().createRequest(Request.BYE);
                    ByeReason why = bye.reason();
                    request.addHeader(sip.headers().createReasonHeader(why.protocol(), why.cause(), why.text()));
                    p.dialog().sendRequest(p.provider().getNewClientTransaction(request));
                    release(p);
                }
            } else if (effect instanceof Effect.SetMute mute) {
                Participant p = participants.get(mute.member());
                if (p != null) {
                    media.setMuted(p.room(), mute.member(), mute.muted());
                }
            } else if (effect instanceof Effect.EndRoom end) {
                subscriptions.endRoom(end.room());
                media.endRoom(end.room());
                LOG.info("meeting {} ended", end.room());
            }
        } catch (SipException
                | ParseException
                | InvalidArgumentException
                | MixerUnavailableException
                | RuntimeException e) {
            LOG.warn("{} failed: {}", effect.getClass().getSimpleName(), e.toString());
        }
    }

    private void release(Participant p) {
        try {
            media.release(p.room(), p.member());
        } catch (MixerUnavailableException e) {
            LOG.warn("mixer release for {} in {}: {}", p.member().value(), p.room(), e.getMessage());
        }
    }

    /** Every 5 s: subscriptions past their expiry end, and calls whose session timer ran out. */
    void tick() {
        subscriptions.expire();
        for (MemberId late : timers.expired(clock.instant())) {
            hangUp(late, "no session refresh in time (RFC 4028)", ByeReason.SESSION_EXPIRED);
        }
    }

    void forgetSubscription(Dialog dialog) {
        subscriptions.forget(dialog);
    }

    private static List<MemberMedia> media(Negotiation n) {
        List<MemberMedia> out = new ArrayList<>();
        for (StreamNegotiation s : n.accepted()) {
            out.add(new MemberMedia(
                    s.kind().orElseThrow(),
                    s.remoteSsrcs().isEmpty()
                            ? OptionalLong.empty()
                            : OptionalLong.of(s.remoteSsrcs().get(0)),
                    s.offered().attribute("label").orElse(Integer.toString(s.index())),
                    s.direction().reverse()));
        }
        return out;
    }

    private javax.sip.header.Header warning(int code, String text) throws ParseException {
        return sip.headers().createHeader("Warning", code + " " + domain + " \"" + text.replace('"', '\'') + "\"");
    }

    @Override
    public void close() {
        effects.shutdownNow();
    }
}
