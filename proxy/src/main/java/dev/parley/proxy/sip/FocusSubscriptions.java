package dev.parley.proxy.sip;

import dev.parley.proxy.focus.ConferenceInfo;
import dev.parley.proxy.focus.Effect;
import dev.parley.proxy.focus.Focus;
import dev.parley.proxy.focus.Member;
import dev.parley.proxy.focus.RoomId;
import dev.parley.proxy.focus.RoomState;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions to the conference event package (RFC 4575 over RFC 6665): SUBSCRIBE from a
 * member gets 200 and at once a NOTIFY with the full state; every room change then goes out
 * as a partial NOTIFY with the next version; expiry, unsubscribe and the room's end send a
 * final {@code terminated} NOTIFY. Only the room's members may subscribe.
 */
final class FocusSubscriptions {
    static final String EVENT = "conference";
    private static final Duration MAX_EXPIRES = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(FocusSubscriptions.class);

    /** One subscriber's dialog, its room, when it ends, and the last version it was sent. */
    private static final class Subscription {
        final RoomId room;
        final Dialog dialog;
        final SipProvider provider;
        final String subscriber;
        volatile Instant expires;
        volatile int sentVersion;

        Subscription(RoomId room, Dialog dialog, SipProvider provider, String subscriber, Instant expires) {
            this.room = room;
            this.dialog = dialog;
            this.provider = provider;
            this.subscriber = subscriber;
            this.expires = expires;
        }
    }

    private final SipContext sip;
    private final Responder responder;
    private final Focus focus;
    private final String domain;
    private final Clock clock;
    private final DialogRequests requests;
    private final Map<String, Subscription> byDialog = new ConcurrentHashMap<>();

    FocusSubscriptions(
            SipContext sip, Responder responder, Focus focus, String domain, Clock clock, DialogRequests requests) {
        this.requests = requests;
        this.sip = sip;
        this.responder = responder;
        this.focus = focus;
        this.domain = domain;
        this.clock = clock;
    }

    int count() {
        return byDialog.size();
    }

    /** RFC 6665 §4.2.1: a new subscription, a refresh, or (Expires: 0) an unsubscribe. */
    void subscribe(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, SipException, InvalidArgumentException {
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        if (event == null || !EVENT.equals(event.getEventType())) {
            Response bad = sip.response(Response.BAD_EVENT, "Bad Event", request);
            bad.addHeader(sip.headers().createAllowEventsHeader(EVENT));
            responder.send(provider, tx, bad);
            return;
        }
        Optional<RoomId> id = SipParties.requestUser(request).flatMap(RoomId::parse);
        Optional<RoomState> room = id.flatMap(focus::room);
        if (room.isEmpty()) {
            responder.send(provider, tx, sip.response(Response.NOT_FOUND, "No such meeting", request));
            return;
        }
        String subscriber = SipParties.aor(request);
        if (room.get().members().stream().map(Member::userUri).noneMatch(subscriber::equals)) {
            LOG.info("SUBSCRIBE to {} from {} refused: not a member", room.get().id(), subscriber);
            responder.send(provider, tx, sip.response(Response.FORBIDDEN, "Only members may subscribe", request));
            return;
        }
        String key = SipParties.dialogKey(request);
        Subscription existing = byDialog.get(key);
        if (existing == null && SipParties.hasToTag(request)) {
            responder.send(provider, tx, sip.response(481, "Subscription Does Not Exist", request));
            return;
        }
        ExpiresHeader asked = request.getExpires();
        Duration expires =
                asked == null ? MAX_EXPIRES : Duration.ofSeconds(Math.min(asked.getExpires(), MAX_EXPIRES.toSeconds()));
        Dialog dialog = existing != null ? existing.dialog : provider.getNewDialog(tx);
        if (existing == null) {
            requests.overFlow(dialog, Forwarding.arrivedOn(request));
        }
        Response ok = sip.response(Response.OK, "OK", request);
        ok.addHeader(sip.headers().createExpiresHeader((int) expires.toSeconds()));
        ok.addHeader(sip.headers()
                .createHeader(
                        "Contact",
                        SipParties.focusContact(request, room.get().id().digits(), domain)));
        responder.send(provider, tx, ok);
        Instant until = clock.instant().plus(expires);
        Subscription sub =
                existing != null ? existing : new Subscription(room.get().id(), dialog, provider, subscriber, until);
        sub.expires = until;
        if (expires.isZero()) {
            byDialog.remove(key);
            sendFull(sub, "terminated;reason=timeout");
            return;
        }
        byDialog.put(key, sub);
        sendFull(sub, "active;expires=" + expires.toSeconds());
        if (existing == null) {
            LOG.info("{} subscribed to the member list of {}", subscriber, sub.room);
        }
    }

    /** Sends a room change to each of its subscribers that has not seen that version yet. */
    void publish(Effect.Notify change) {
        String body = ConferenceInfo.partial("sip:" + change.room() + "@" + domain, change);
        for (Subscription sub : byDialog.values()) {
            if (sub.room.equals(change.room()) && change.version() > sub.sentVersion) {
                sub.sentVersion = change.version();
                send(sub, "active;expires=" + secondsLeft(sub), body);
            }
        }
    }

    /** The room is over (RFC 6665 §4.2.2: terminated with reason noresource). */
    void endRoom(RoomId room) {
        byDialog.entrySet().removeIf(e -> {
            if (!e.getValue().room.equals(room)) {
                return false;
            }
            send(e.getValue(), "terminated;reason=noresource", "");
            return true;
        });
    }

    /** Ends the subscriptions whose time ran out (RFC 6665 §4.2.2, reason timeout). */
    void expire() {
        Instant now = clock.instant();
        byDialog.entrySet().removeIf(e -> {
            if (e.getValue().expires.isAfter(now)) {
                return false;
            }
            send(e.getValue(), "terminated;reason=timeout", "");
            return true;
        });
    }

    /** A NOTIFY the subscriber answered 481 to: its dialog is gone. */
    void forget(Dialog dialog) {
        byDialog.values().removeIf(s -> s.dialog == dialog);
    }

    private void sendFull(Subscription sub, String state) {
        Optional<RoomState> room = focus.room(sub.room);
        if (room.isEmpty()) {
            send(sub, "terminated;reason=noresource", "");
            return;
        }
        sub.sentVersion = room.get().version();
        send(sub, state, ConferenceInfo.full(room.get(), "sip:" + sub.room + "@" + domain));
    }

    private long secondsLeft(Subscription sub) {
        return Math.max(0, Duration.between(clock.instant(), sub.expires).toSeconds());
    }

    private void send(Subscription sub, String state, String body) {
        try {
            Request notify = sub.dialog.createRequest(Request.NOTIFY);
            notify.addHeader(sip.headers().createEventHeader(EVENT));
            notify.addHeader(sip.headers().createSubscriptionStateHeader(state));
            if (!body.isEmpty()) {
                notify.setContent(body, sip.headers().createContentTypeHeader("application", "conference-info+xml"));
            }
            requests.send(sub.provider, sub.dialog, notify);
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.warn("NOTIFY to {} for {} failed: {}", sub.subscriber, sub.room, e.toString());
        }
    }
}
