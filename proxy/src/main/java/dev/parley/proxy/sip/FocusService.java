package dev.parley.proxy.sip;

import dev.parley.proxy.dns.ServerLocator;
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
import dev.parley.proxy.focus.RoomState;
import dev.parley.proxy.focus.SessionTimers;
import dev.parley.proxy.mixer.MediaAllocator;
import dev.parley.proxy.mixer.MixerUnavailableException;
import dev.parley.proxy.routing.NextHop;
import dev.parley.proxy.routing.Reachable;
import dev.parley.proxy.routing.ResponseContext;
import dev.parley.proxy.routing.Target;
import dev.parley.proxy.routing.TargetSet;
import dev.parley.registrar.store.BindingStore;
import dev.parley.registrar.store.StoreException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
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

    /**
     * A member's call: its dialog, the session version the focus last sent, what was negotiated
     * (for making the member's media again after a mixer restart), whether the focus made the
     * offer (a late offer or a dial-out), and the focus's Contact in the dialog. {@code lateOffer}
     * is the focus's own offer while it waits for the answer in the ACK (an INVITE that came
     * without SDP, RFC 3261 §13.2.1).
     */
    private record Participant(
            RoomId room,
            MemberId member,
            Dialog dialog,
            SipProvider provider,
            Origin origin,
            Negotiation negotiation,
            boolean focusOffered,
            String contact,
            Optional<SessionDescription> lateOffer) {
        Participant with(Origin nextOrigin, Negotiation nextNegotiation, boolean offeredByFocus) {
            return new Participant(
                    room,
                    member,
                    dialog,
                    provider,
                    nextOrigin,
                    nextNegotiation,
                    offeredByFocus,
                    contact,
                    Optional.empty());
        }
    }

    /**
     * A call the focus places because a member referred it to someone (RFC 4579 §5.5): who asked
     * (their REFER subscription gets the progress as sipfrag NOTIFYs), whom, and the focus's offer;
     * {@code local} for a user of this server, whose phone's flow the call's requests then take.
     */
    private record Dialing(
            Participant referrer,
            String referrerContact,
            MemberId member,
            String userUri,
            String user,
            SipProvider provider,
            Origin origin,
            SessionDescription offer,
            boolean local) {}

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
    /** The focus's own re-INVITEs (after a mixer restart) until their final response. */
    private final Map<ClientTransaction, MemberId> reoffers = new ConcurrentHashMap<>();
    /**
     * Members the focus called (REFER, RFC 4579 §5.5): their requests' dialog key (Call-ID and
     * their tag, known from the 200) to the MemberId their mixer endpoint was allocated under.
     */
    private final Map<String, MemberId> dialedOut = new ConcurrentHashMap<>();
    /** The focus's dial-out INVITEs, each to its dial-out and branch, while the dial-out lasts. */
    private final Map<ClientTransaction, DialOut.Branch> dialing = new ConcurrentHashMap<>();
    /** Refer NOTIFYs waiting for the one in flight in their dialog (an empty queue: one in flight, none waiting). */
    private final Map<Dialog, Deque<ReferNotify>> referNotifies = new HashMap<>();
    /** The refer NOTIFY in flight per client transaction, by its dialog. */
    private final Map<ClientTransaction, Dialog> referNotifiesInFlight = new ConcurrentHashMap<>();

    private record ReferNotify(Participant referrer, String contact, String statusLine, boolean last) {}

    private final BindingStore bindings;
    private final FlowTracker flows;
    private final ServerLocator locator;
    private final DialogRequests requests;
    /** The dial-outs' ring timers. */
    private final ScheduledExecutorService delays;

    /**
     * How long one group of a dial-out's targets rings unanswered before the next group rings, or
     * after the last the dial-out ends (480), {@code dial-out-ring-time}. The default 60 s is
     * longer than Timer B (32 s), so that a phone's other SIP Outbound flow still gets its turn
     * when the newest never answers (RFC 5626 §5.3).
     */
    private final Duration dialOutRingTime;
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
            CallerAuthentication callers,
            BindingStore bindings,
            FlowTracker flows,
            ServerLocator locator,
            ScheduledExecutorService delays,
            Duration dialOutRingTime) {
        this.sip = sip;
        this.dialOutRingTime = dialOutRingTime;
        this.delays = delays;
        this.locator = locator;
        this.requests = new DialogRequests(locator, flows);
        this.bindings = bindings;
        this.flows = flows;
        this.callers = callers;
        this.responder = responder;
        this.focus = focus;
        this.media = media;
        this.domain = domain;
        this.localHosts = Set.copyOf(localHosts);
        this.clock = clock;
        this.subscriptions = new FocusSubscriptions(sip, responder, focus, domain, clock, requests);
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
        MemberId id = memberOf(request);
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
            ports = media.allocate(room.get(), id, n, SipParties.showsManyVideoStreams(request));
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
        requests.overFlow(dialog, Forwarding.arrivedOn(request));
        String focusContact = SipParties.focusContact(request, room.get().digits(), domain);
        participants.put(
                id,
                new Participant(
                        room.get(),
                        id,
                        dialog,
                        provider,
                        origin,
                        n,
                        late,
                        focusContact,
                        late ? Optional.of(answer) : Optional.empty()));
        Response ok = sip.response(Response.OK, "OK", request);
        ok.addHeader(sip.headers().createHeader("Contact", focusContact));
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
     * removed. Refused offers (488), a second presenter (403 with a Warning naming the one who
     * presents) and mixer failures (503) leave the session as it was.
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
        // The room decides first (one presenter at a time), so a refusal touches neither the mixer nor the member list.
        List<MemberMedia> before;
        Outcome changed;
        synchronized (this) {
            before = focus.room(p.room())
                    .flatMap(r -> r.member(id))
                    .map(Member::media)
                    .orElse(List.of());
            changed = focus.updateMedia(p.room(), id, media(n));
        }
        if (!changed.isOk()) {
            Response r = sip.response(changed.status(), changed.reason(), request);
            r.addHeader(warning(399, changed.reason()));
            responder.send(provider, tx, r);
            LOG.info(
                    "re-INVITE from {} in {} refused: {} {}",
                    SipParties.aor(request),
                    p.room(),
                    changed.status(),
                    changed.reason());
            return;
        }
        MediaAllocator.Allocation ports;
        try {
            ports = media.update(p.room(), id, n);
        } catch (MixerUnavailableException e) {
            LOG.warn("re-INVITE from {} in {}: mixer: {}", SipParties.aor(request), p.room(), e.getMessage());
            Outcome undone;
            synchronized (this) {
                undone = focus.updateMedia(p.room(), id, before);
            }
            // Both versions go out, so subscribers see no gap in the numbering and end where they began.
            run(changed.effects());
            run(undone.effects());
            Response r = sip.response(Response.SERVICE_UNAVAILABLE, "Mixer Unavailable", request);
            r.addHeader(sip.headers().createRetryAfterHeader(5));
            responder.send(provider, tx, r);
            return;
        }
        Origin next = p.origin().nextVersion();
        participants.put(id, p.with(next, n, false));
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
        run(changed.effects());
    }

    /**
     * An INVITE without SDP asks the focus to offer (RFC 3264 §5, RFC 3261 §13.2.1). The media
     * are set up as if the phone had offered everything the focus takes, from the address the
     * INVITE came from (the mixer latches the real port on the first packet); the answer in the
     * ACK then narrows them ({@link #ack}).
     */
    private SessionDescription lateOfferTemplate(Request request) {
        return offerTemplate(((SIPMessage) request).getRemoteAddress().getHostAddress());
    }

    /** The media as if a phone at {@code from} had offered everything the focus takes. */
    private static SessionDescription offerTemplate(String from) {
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
        MemberId id = memberOf(ack);
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
            participants.put(id, p.with(p.origin(), n, true));
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
        Participant p = participants.remove(memberOf(request));
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
        Participant p = participants.get(memberOf(request));
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
        Participant p = participants.get(memberOf(request));
        if (p == null) {
            responder.send(provider, tx, sip.response(Response.FORBIDDEN, "Only Members of the Meeting", request));
            return;
        }
        ReferToHeader referTo = (ReferToHeader) request.getHeader(ReferToHeader.NAME);
        if (referTo == null || !(referTo.getAddress().getURI() instanceof SipURI target) || target.getUser() == null) {
            responder.send(provider, tx, sip.response(Response.BAD_REQUEST, "Refer-To Must Name a Member", request));
            return;
        }
        String method = target.getMethodParam();
        if (method == null || Request.INVITE.equalsIgnoreCase(method)) {
            dialOut(provider, tx, request, p, target);
            return;
        }
        if (!Request.BYE.equalsIgnoreCase(method)) {
            responder.send(provider, tx, sip.response(Response.NOT_IMPLEMENTED, "Only INVITE or BYE", request));
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
        notifyRefer(p, SipParties.focusContact(request, p.room().digits(), domain), "SIP/2.0 200 OK", true);
        run(outcome.effects());
    }

    /**
     * The REFER's implicit subscription (RFC 3515 §2.4.4): a NOTIFY in the referrer's dialog with
     * the status line of what the REFER caused, {@code terminated} once it is final. One NOTIFY
     * per dialog is in flight at a time; the next waits for its answer, so the referrer sees 100,
     * 18x and the final status in order: sent back to back over UDP they could arrive or be
     * handled the other way round, and a UA answers the older CSeq with 500 and drops it.
     */
    private void notifyRefer(Participant referrer, String contact, String statusLine, boolean last)
            throws ParseException, SipException {
        ReferNotify n = new ReferNotify(referrer, contact, statusLine, last);
        synchronized (referNotifies) {
            Deque<ReferNotify> waiting = referNotifies.get(referrer.dialog());
            if (waiting != null) {
                waiting.add(n);
                return;
            }
            referNotifies.put(referrer.dialog(), new ArrayDeque<>());
        }
        try {
            send(n);
        } catch (ParseException | SipException | RuntimeException e) {
            referNotifyDone(referrer.dialog());
            throw e;
        }
    }

    private void send(ReferNotify n) throws ParseException, SipException {
        Dialog dialog = n.referrer().dialog();
        Request notify = dialog.createRequest(Request.NOTIFY);
        notify.addHeader(sip.headers().createEventHeader("refer"));
        notify.setHeader(sip.headers().createHeader("Contact", n.contact()));
        SubscriptionStateHeader state = sip.headers()
                .createSubscriptionStateHeader(
                        n.last() ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
        if (n.last()) {
            state.setReasonCode("noresource");
        }
        notify.addHeader(state);
        ContentTypeHeader sipfrag = sip.headers().createContentTypeHeader("message", "sipfrag");
        sipfrag.setParameter("version", "2.0");
        notify.setContent(n.statusLine() + "\r\n", sipfrag);
        requests.send(
                        n.referrer().provider(),
                        dialog,
                        notify,
                        new DialogRequests.Tracking(
                                ct -> referNotifiesInFlight.put(ct, dialog), referNotifiesInFlight::remove))
                .whenComplete((ct, failed) -> {
                    if (failed != null) {
                        referNotifyDone(dialog);
                    }
                });
    }

    /** A refer NOTIFY was answered or timed out: the dialog's next one goes out. False when {@code ct} was none. */
    private boolean referNotifyAnswered(ClientTransaction ct) {
        Dialog dialog = referNotifiesInFlight.remove(ct);
        if (dialog == null) {
            return false;
        }
        referNotifyDone(dialog);
        return true;
    }

    /** Sends the dialog's next waiting refer NOTIFY, or notes that none is in flight. */
    private void referNotifyDone(Dialog dialog) {
        while (true) {
            ReferNotify next;
            synchronized (referNotifies) {
                Deque<ReferNotify> waiting = referNotifies.get(dialog);
                next = waiting == null ? null : waiting.poll();
                if (next == null) {
                    referNotifies.remove(dialog);
                    return;
                }
            }
            try {
                send(next);
                return;
            } catch (ParseException | SipException | RuntimeException e) {
                LOG.warn("refer NOTIFY ({}) not sent: {}", next.statusLine(), e.toString());
            }
        }
    }

    /**
     * RFC 4579 §5.5, adding a participant: a member's REFER names a user of this server, whose
     * registered contacts the focus calls as the proxy forks (RFC 3261 §16.6: equal q together, a
     * lower q when the higher failed; each over the flow it registered from and, when the INVITE
     * cannot be sent there or gets no answer at all, over the device's other SIP Outbound flows,
     * RFC 5626 §5.3), or an address of another domain, whose servers DNS gives (RFC 3263, the next one tried
     * when one cannot be reached, times out or answers 503; only members who are users of this
     * server may call out, others get 403). The call carries the focus's own audio offer, and the
     * callee joins as a participant when they answer. Any member may invite; in a
     * locked meeting only the host. The REFER gets 202 and the progress as sipfrag NOTIFYs (100,
     * 18x, then the final status); a user with no live registration gets 480 to the REFER itself,
     * a domain with no server in DNS 478.
     */
    private void dialOut(SipProvider provider, ServerTransaction tx, Request refer, Participant by, SipURI target)
            throws ParseException, SipException, InvalidArgumentException {
        boolean local = target.getHost().equalsIgnoreCase(domain) || localHosts.contains(target.getHost());
        if (!local && !callers.fromLocalUser(refer)) {
            // Calls to other domains cost someone: only members who are users of this server.
            responder.send(provider, tx, sip.response(Response.FORBIDDEN, "Only Users of This Server", refer));
            return;
        }
        String user = target.getUser();
        String userUri = local ? "sip:" + user + "@" + domain : "sip:" + user + "@" + target.getHost();
        Optional<RoomState> room = focus.room(by.room());
        if (room.isEmpty()) {
            responder.send(provider, tx, sip.response(Response.NOT_FOUND, "No such meeting", refer));
            return;
        }
        boolean host = room.get().member(by.member()).map(Member::isHost).orElse(false);
        if (room.get().locked() && !host) {
            responder.send(provider, tx, sip.response(Response.FORBIDDEN, "The Meeting Is Locked", refer));
            return;
        }
        if (room.get().members().stream().anyMatch(m -> m.userUri().equals(userUri))) {
            responder.send(provider, tx, sip.response(Response.FORBIDDEN, "Already in the Meeting", refer));
            return;
        }
        if (!local) {
            // RFC 3263: the other domain's server, found by DNS off the SIP thread; the REFER is
            // answered once it is known.
            String requestUri = target.toString();
            locator.locate(
                            target.getHost(),
                            target.getPort(),
                            Optional.ofNullable(target.getTransportParam()),
                            target.isSecure())
                    .whenComplete((hops, error) -> {
                        try {
                            if (hops == null || hops.isEmpty()) {
                                LOG.info(
                                        "{} in {}: REFER invites {} -> 478, no server in DNS",
                                        by.member().value(),
                                        by.room(),
                                        userUri);
                                responder.send(provider, tx, sip.response(478, "Unresolvable Destination", refer));
                                return;
                            }
                            List<List<Target>> servers = new ArrayList<>();
                            hops.forEach(h -> servers.add(List.of(new Target(requestUri, Optional.of(h)))));
                            call(provider, tx, refer, by, userUri, user, servers, false);
                        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                            LOG.warn("dial-out to {}: {}", userUri, e.toString());
                        }
                    });
            return;
        }
        Instant now = clock.instant();
        List<List<Target>> targets;
        try {
            targets = TargetSet.grouped(Reachable.choose(bindings.lookup(userUri, now), flows::isOpen), now);
        } catch (StoreException e) {
            responder.send(provider, tx, sip.response(Response.SERVER_INTERNAL_ERROR, "Store Unavailable", refer));
            return;
        }
        if (targets.isEmpty()) {
            responder.send(provider, tx, sip.response(Response.TEMPORARILY_UNAVAILABLE, "Not Registered", refer));
            LOG.info(
                    "{} in {}: REFER invites {} -> 480, not registered",
                    by.member().value(),
                    by.room(),
                    userUri);
            return;
        }
        // Serial forking by q, as the proxy does; each contact with its device's other open flows.
        call(provider, tx, refer, by, userUri, user, targets, true);
    }

    /**
     * The focus's INVITEs for the REFER of {@code by}, to {@code groups} of targets: a local
     * user's contacts by q (serial forking, each contact with its device's other flows), or a
     * domain's servers in turn (RFC 3263 §4.3), as {@link DialOut} says. The REFER gets 202 once
     * the mixer endpoint is made.
     */
    private void call(
            SipProvider provider,
            ServerTransaction tx,
            Request refer,
            Participant by,
            String userUri,
            String user,
            List<List<Target>> groups,
            boolean local)
            throws ParseException, SipException, InvalidArgumentException {
        Target first = groups.get(0).get(0);
        String peer = first.flow()
                .map(NextHop::host)
                .orElse(provider.getListeningPoint(ListeningPoint.UDP).getIPAddress());
        MemberId id = new MemberId(provider.getNewCallId().getCallId() + ";dial-out");
        Negotiation template = OfferAnswer.negotiate(offerTemplate(peer), LATE_OFFER);
        MediaAllocator.Allocation ports;
        try {
            // The call offers audio only; video added later by re-INVITE is the active speaker's.
            ports = media.allocate(by.room(), id, template, false);
        } catch (MixerUnavailableException e) {
            Response r = sip.response(Response.SERVICE_UNAVAILABLE, "Mixer Unavailable", refer);
            r.addHeader(sip.headers().createRetryAfterHeader(5));
            responder.send(provider, tx, r);
            return;
        }
        Origin origin = Origin.of("parley", ThreadLocalRandom.current().nextLong(1L << 40), 1, ports.address());
        SessionDescription offer = Offers.offer(
                LATE_OFFER,
                new OfferParams(
                        origin,
                        "Parley",
                        ports.address(),
                        Map.of(MediaKind.AUDIO, ports.streams().get(0))));
        String digits = by.room().digits();
        String contact = SipParties.focusContact(refer, digits, domain);
        Dialing d = new Dialing(by, contact, id, userUri, user, provider, origin, offer, local);
        responder.send(provider, tx, sip.response(Response.ACCEPTED, "Accepted", refer));
        notifyRefer(by, contact, "SIP/2.0 100 Trying", false);
        LOG.info("{} in {}: REFER invites {} -> INVITE to {}", SipParties.aor(refer), by.room(), userUri, first.uri());
        new DialOut(
                        provider,
                        userUri,
                        groups,
                        local ? ResponseContext.Advance.ON_ANY_FAILURE : ResponseContext.Advance.ON_UNREACHABLE,
                        to -> invite(provider, to, provider.getNewCallId(), digits, contact, userUri, offer),
                        dialing,
                        delays,
                        dialOutRingTime,
                        outcome(d))
                .start();
    }

    /** What the focus does with the result of the dial-out {@code d}. */
    private DialOut.Outcome outcome(Dialing d) {
        return new DialOut.Outcome() {
            @Override
            public void progress(String statusLine) {
                try {
                    notifyRefer(d.referrer(), d.referrerContact(), statusLine, false);
                } catch (ParseException | SipException | RuntimeException e) {
                    LOG.warn("dial-out to {}: {}", d.userUri(), e.toString());
                }
            }

            @Override
            public void answered(Dialog dialog, Response ok, Target target) {
                try {
                    FocusService.this.answered(d, dialog, ok, target);
                } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                    LOG.warn("dial-out to {}: {}", d.userUri(), e.toString());
                }
            }

            @Override
            public void answeredLate(Dialog dialog, Response ok) {
                // Another phone answered after the first (RFC 3261 §13.2.2.4): ACK, then BYE.
                try {
                    long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
                    requests.ack(dialog, dialog.createAck(cseq));
                    byeUnjoined(dialog, d.provider(), ByeReason.ANSWERED_ELSEWHERE);
                    LOG.info("dial-out to {}: a second phone answered, BYE to it", d.userUri());
                } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                    LOG.warn("dial-out to {}: {}", d.userUri(), e.toString());
                }
            }

            @Override
            public void failed(String statusLine) {
                try {
                    dialFailed(d, statusLine);
                } catch (ParseException | SipException | RuntimeException e) {
                    LOG.warn("dial-out to {}: {}", d.userUri(), e.toString());
                }
            }
        };
    }

    /** The dial-out INVITE to one server, pinned to its address when it has one. */
    private Request invite(
            SipProvider provider,
            Target to,
            CallIdHeader callId,
            String digits,
            String contact,
            String userUri,
            SessionDescription offer)
            throws ParseException, InvalidArgumentException {
        String transport = to.flow().map(NextHop::transport).orElse(ListeningPoint.UDP);
        ListeningPoint lp = provider.getListeningPoint(transport);
        if (lp == null) {
            lp = provider.getListeningPoint(ListeningPoint.UDP);
        }
        Request invite = sip.messages()
                .createRequest(
                        sip.addresses().createURI(to.uri()),
                        Request.INVITE,
                        callId,
                        sip.headers().createCSeqHeader(1L, Request.INVITE),
                        sip.headers()
                                .createFromHeader(
                                        sip.addresses()
                                                .createAddress(
                                                        "Meeting " + digits,
                                                        sip.addresses().createSipURI(digits, domain)),
                                        Tags.next()),
                        sip.headers()
                                .createToHeader(
                                        sip.addresses()
                                                .createAddress(sip.addresses().createURI(userUri)),
                                        null),
                        List.of(sip.headers().createViaHeader(lp.getIPAddress(), lp.getPort(), transport, null)),
                        sip.headers().createMaxForwardsHeader(70));
        invite.addHeader(sip.headers().createHeader("Contact", contact));
        invite.addHeader(
                sip.headers().createAllowHeader("INVITE, ACK, BYE, CANCEL, INFO, REFER, UPDATE, SUBSCRIBE, OPTIONS"));
        invite.addHeader(sip.headers().createHeader("Recv-Info", ControlBody.PACKAGE));
        invite.setContent(offer.toString(), sip.headers().createContentTypeHeader("application", "sdp"));
        to.flow().ifPresent(hop -> FlowRouter.pin(invite, hop));
        return invite;
    }

    /**
     * A response to one of the focus's own INVITEs; false when the transaction is not one. 18x go
     * to the referrer; a 2xx is acknowledged and the user joins with the answer it carries; a
     * failure frees the mixer endpoint and tells the referrer.
     */
    boolean response(ClientTransaction ct, Response response) {
        if (requests.response(ct, response)) {
            return true; // a 503: the request went on to the next server
        }
        if (response.getStatusCode() >= 200 && referNotifyAnswered(ct)) {
            return true;
        }
        if (reoffered(ct, response)) {
            return true;
        }
        DialOut.Branch b = dialing.get(ct);
        if (b == null) {
            return false;
        }
        b.call().response(b.index(), ct, response);
        return true;
    }

    /**
     * The mixer restarted and lost every room (its events say so). Each member's media are made
     * again from what was negotiated, its mute restored, and its phone gets a re-INVITE with the
     * new ports: a new offer with the session version one higher (RFC 3264 §8), shaped as the
     * last answer (or the focus's own offer, when the focus offered). A phone that answers
     * 2xx sends media to the new ports; the member list does not change.
     */
    void mixerRestarted() {
        List<Participant> all = List.copyOf(participants.values());
        LOG.warn("the mixer restarted: making the media of {} member(s) again", all.size());
        for (Participant p : all) {
            if (p.lateOffer().isPresent()) {
                continue; // its answer is still to come in the ACK, which makes the media
            }
            try {
                MediaAllocator.Allocation ports = media.update(p.room(), p.member(), p.negotiation());
                boolean muted;
                synchronized (this) {
                    muted = focus.room(p.room())
                            .flatMap(r -> r.member(p.member()))
                            .map(Member::muted)
                            .orElse(false);
                }
                if (muted) {
                    media.setMuted(p.room(), p.member(), true);
                }
                Origin next = p.origin().nextVersion();
                SessionDescription offer = p.focusOffered()
                        ? Offers.offer(
                                LATE_OFFER,
                                new OfferParams(
                                        next,
                                        "Parley",
                                        ports.address(),
                                        Map.of(MediaKind.AUDIO, ports.streams().get(0))))
                        : p.negotiation().answer(new AnswerParams(next, "Parley", ports.address(), ports.streams()));
                participants.put(p.member(), p.with(next, p.negotiation(), p.focusOffered()));
                Request reinvite = p.dialog().createRequest(Request.INVITE);
                reinvite.addHeader(sip.headers().createHeader("Contact", p.contact()));
                reinvite.setContent(offer.toString(), sip.headers().createContentTypeHeader("application", "sdp"));
                requests.send(
                        p.provider(),
                        p.dialog(),
                        reinvite,
                        new DialogRequests.Tracking(ct -> reoffers.put(ct, p.member()), reoffers::remove));
                LOG.info(
                        "{} in {}: re-INVITE with the restarted mixer's ports",
                        p.member().value(),
                        p.room());
            } catch (MixerUnavailableException | ParseException | SipException | RuntimeException e) {
                LOG.warn(
                        "{} in {}: media not made again after the mixer restart: {}",
                        p.member().value(),
                        p.room(),
                        e.toString());
            }
        }
    }

    /** A final response to one of the focus's re-INVITEs is acknowledged (a 2xx) or logged. */
    private boolean reoffered(ClientTransaction ct, Response response) {
        MemberId member = reoffers.get(ct);
        if (member == null) {
            return false;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        reoffers.remove(ct);
        Participant p = participants.get(member);
        if (status >= 300 || p == null) {
            LOG.warn("{}: the re-INVITE after the mixer restart got {}", member.value(), status);
            return true;
        }
        try {
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            requests.ack(p.dialog(), p.dialog().createAck(cseq));
        } catch (InvalidArgumentException | SipException e) {
            LOG.warn("{}: no ACK for the re-INVITE's {}: {}", member.value(), status, e.toString());
        }
        return true;
    }

    /** The focus's INVITE got no answer at all (Timer B): as a 408. False when it is not one. */
    boolean timedOut(ClientTransaction ct) {
        if (requests.timedOut(ct)) {
            return true; // the request went on to the next server (RFC 3263 §4.3)
        }
        if (referNotifyAnswered(ct)) {
            return true;
        }
        if (reoffers.remove(ct) != null) {
            return true;
        }
        DialOut.Branch b = dialing.get(ct);
        if (b == null) {
            return false;
        }
        b.call().noResponse(b.index(), ct);
        return true;
    }

    private void dialFailed(Dialing d, String line) throws ParseException, SipException {
        release(d.referrer().room(), d.member());
        LOG.info("dial-out to {} for {}: {}", d.userUri(), d.referrer().room(), line.substring("SIP/2.0 ".length()));
        notifyRefer(d.referrer(), d.referrerContact(), line, true);
    }

    /** The first 2xx of dial-out {@code d}, in {@code dialog}, from {@code target}: the callee joins. */
    private void answered(Dialing d, Dialog dialog, Response ok, Target target)
            throws ParseException, SipException, InvalidArgumentException {
        long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
        if (d.local()) {
            // A local user's phone: the call's requests go over the flow its INVITE took.
            target.flow().ifPresent(flow -> requests.overFlow(dialog, flow));
        }
        requests.ack(dialog, dialog.createAck(cseq));
        String theirTag = ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag();
        String key =
                ((CallIdHeader) ok.getHeader(CallIdHeader.NAME)).getCallId() + ";" + (theirTag == null ? "" : theirTag);
        RoomId room = d.referrer().room();
        Negotiation n;
        try {
            byte[] body = ok.getRawContent();
            if (body == null || body.length == 0) {
                throw new SdpParseException(0, "the 200 carries no SDP answer");
            }
            n = Offers.readAnswer(d.offer(), SdpParser.parse(body), LATE_OFFER);
            if (!n.anyAccepted()) {
                throw new SdpParseException(0, n.refusalSummary());
            }
            media.update(room, d.member(), n);
        } catch (SdpParseException | MixerUnavailableException e) {
            byeUnjoined(dialog, d.provider(), ByeReason.NO_ANSWER);
            dialFailed(d, "SIP/2.0 488 Not Acceptable Here");
            return;
        }
        ContactHeader theirContact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        String display = Optional.ofNullable(
                        ((ToHeader) ok.getHeader(ToHeader.NAME)).getAddress().getDisplayName())
                .filter(name -> !name.isBlank())
                .orElse(d.user());
        Member member = Member.joining(
                d.member(),
                d.userUri(),
                display,
                theirContact == null
                        ? d.userUri()
                        : theirContact.getAddress().getURI().toString(),
                media(n));
        Outcome outcome;
        synchronized (this) {
            outcome = focus.join(room, member, clock.instant());
        }
        if (!outcome.isOk()) {
            byeUnjoined(dialog, d.provider(), ByeReason.CLOSED);
            dialFailed(d, "SIP/2.0 " + outcome.status() + " " + outcome.reason());
            return;
        }
        dialedOut.put(key, d.member());
        participants.put(
                d.member(),
                new Participant(
                        room,
                        d.member(),
                        dialog,
                        d.provider(),
                        d.origin(),
                        n,
                        true,
                        d.referrerContact(),
                        Optional.empty()));
        LOG.info(
                "{} joined meeting {} (invited by {})",
                d.userUri(),
                room,
                d.referrer().member().value());
        notifyRefer(d.referrer(), d.referrerContact(), "SIP/2.0 200 OK", true);
        run(outcome.effects());
    }

    /** One of the focus's transactions ended: nothing waits for it any more. */
    void transactionEnded(ClientTransaction ct) {
        requests.ended(ct);
    }

    /** A BYE to a called user who answered but could not join. */
    private void byeUnjoined(Dialog dialog, SipProvider provider, ByeReason why)
            throws ParseException, SipException, InvalidArgumentException {
        Request bye = dialog.createRequest(Request.BYE);
        bye.addHeader(sip.headers().createReasonHeader(why.protocol(), why.cause(), why.text()));
        requests.send(provider, dialog, bye);
    }

    /** The member behind a request in one of the focus's dialogs. */
    private MemberId memberOf(Request request) {
        String key = SipParties.dialogKey(request);
        MemberId called = dialedOut.get(key);
        return called != null ? called : new MemberId(key);
    }

    /**
     * RFC 3311 UPDATE in a member's dialog: with an SDP offer it changes the media like a
     * re-INVITE; without one it is a session refresh (RFC 4028).
     */
    private void update(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, SipException, InvalidArgumentException {
        MemberId id = memberOf(request);
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
                    requests.send(p.provider(), p.dialog(), request);
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
        dialedOut.values().remove(p.member());
        release(p.room(), p.member());
    }

    private void release(RoomId room, MemberId member) {
        try {
            media.release(room, member);
        } catch (MixerUnavailableException e) {
            LOG.warn("mixer release for {} in {}: {}", member.value(), room, e.getMessage());
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
