package dev.parley.ua.sip;

import dev.parley.ua.session.ConferenceInfoDocument;
import dev.parley.ua.session.EndReason;
import dev.parley.ua.session.Roster;
import dev.parley.ua.session.RosterMember;
import dev.parley.ua.session.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member list subscription (RFC 4575 over RFC 6665): SUBSCRIBE {@code Event: conference}
 * to the meeting, a Roster kept from its NOTIFYs (a partial one out of order asks for the full
 * state again by refreshing), a refresh before expiry, and what its end says: {@code
 * terminated;reason=noresource} is the meeting closed, this agent deleted from the list is a
 * kick. Owned by the session thread.
 */
final class MemberList {
    static final String EVENT = "conference";
    static final int EXPIRES = 3600;
    private static final Logger LOG = LoggerFactory.getLogger(MemberList.class);

    /** What one NOTIFY (or a failure) meant, as events for the listener. */
    record Change(List<SessionEvent> events) {}

    private final UaStack ua;
    private final Challenges challenges;
    private final ScheduledExecutorService actor;
    private final String self;

    private volatile Roster roster = Roster.empty();
    private String uri = "";
    private String callId = "";
    private @Nullable Dialog dialog;
    private @Nullable ClientTransaction pendingTx;
    private boolean challenged;
    private boolean closedByFocus;
    private boolean selfDeleted;
    private @Nullable ScheduledFuture<?> refresh;

    MemberList(UaStack ua, Challenges challenges, ScheduledExecutorService actor, String self) {
        this.ua = ua;
        this.challenges = challenges;
        this.actor = actor;
        this.self = self;
    }

    Roster roster() {
        return roster;
    }

    void subscribe(String meetingUri, Consumer<Change> track) {
        uri = meetingUri;
        roster = Roster.empty();
        dialog = null;
        challenged = false;
        closedByFocus = false;
        selfDeleted = false;
        try {
            Request r = ua.request(Request.SUBSCRIBE, uri, uri, "");
            callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
            send(r, false);
        } catch (Exception e) {
            track.accept(problem("could not subscribe to the member list: " + e.getMessage()));
        }
    }

    /** Why the focus ended the meeting for this agent, once the list has said it. */
    Optional<EndReason> endReason() {
        if (closedByFocus) {
            return Optional.of(EndReason.CLOSED_BY_HOST);
        }
        return selfDeleted ? Optional.of(EndReason.KICKED) : Optional.empty();
    }

    /** Ends the subscription (Expires: 0) and forgets the list. */
    void unsubscribe(Consumer<Change> track) {
        cancelRefresh();
        Dialog d = dialog;
        if (d != null && !closedByFocus && d.getState() != null) {
            try {
                Request r = d.createRequest(Request.SUBSCRIBE);
                r.addHeader(ua.headers.createEventHeader(EVENT));
                r.addHeader(ua.headers.createExpiresHeader(0));
                ClientTransaction tx = ua.provider.getNewClientTransaction(r);
                d.sendRequest(tx);
            } catch (Exception e) {
                LOG.debug("unsubscribe: {}", e.toString());
            }
        }
        uri = "";
        callId = "";
        dialog = null;
        pendingTx = null;
        roster = Roster.empty();
    }

    void onResponse(ClientTransaction tx, ResponseEvent event, Consumer<Change> track) {
        if (tx != pendingTx) {
            return;
        }
        pendingTx = null;
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if ((status == 401 || status == 407) && !challenged) {
            challenged = true;
            try {
                ClientTransaction retry = challenges.answer(r, tx);
                pendingTx = retry;
                retry.sendRequest();
            } catch (Exception e) {
                track.accept(problem("no member list: " + e.getMessage()));
            }
            return;
        }
        if (status / 100 != 2) {
            track.accept(problem("no member list: " + status + " " + r.getReasonPhrase()));
            return;
        }
        if (dialog == null) {
            dialog = event.getDialog();
        }
        int expires = SipSession.expiresOf(r, EXPIRES);
        cancelRefresh();
        if (expires > 0) {
            refresh = actor.schedule(() -> refreshNow(track), Math.max(1, expires * 4L / 5), TimeUnit.SECONDS);
        }
    }

    void onNotify(Request notify, @Nullable Dialog in, Consumer<Change> track) {
        String id = ((CallIdHeader) notify.getHeader(CallIdHeader.NAME)).getCallId();
        if (callId.isEmpty() || !id.equals(callId)) {
            return;
        }
        if (dialog == null && in != null) {
            dialog = in;
        }
        SubscriptionStateHeader state = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
        byte[] body = notify.getRawContent();
        List<SessionEvent> events = new ArrayList<>();
        if (body != null && body.length > 0) {
            try {
                ConferenceInfoDocument doc = ConferenceInfoDocument.parse(body);
                Optional<Roster> next = roster.apply(doc);
                if (next.isEmpty()) {
                    LOG.info(
                            "member list version {} after {}: asking for the full state",
                            doc.version(),
                            roster.version());
                    refreshNow(track);
                } else {
                    selfDeleted |= doc.users().stream()
                            .anyMatch(u -> u.entity().equals(self) && u.state().equals("deleted"));
                    events.addAll(diff(roster, next.get()));
                    roster = next.get();
                }
            } catch (ConferenceInfoDocument.BadDocumentException e) {
                LOG.warn("unreadable member list NOTIFY: {}", e.getMessage());
            }
        }
        if (state != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState())) {
            cancelRefresh();
            if ("noresource".equalsIgnoreCase(String.valueOf(state.getReasonCode()))) {
                closedByFocus = true;
            }
        }
        track.accept(new Change(events));
    }

    /** The listener's view of one change: the whole list, then who joined, left or changed. */
    static List<SessionEvent> diff(Roster before, Roster after) {
        List<SessionEvent> out = new ArrayList<>();
        out.add(new SessionEvent.RosterChanged(after));
        for (RosterMember m : after.members()) {
            Optional<RosterMember> old = before.member(m.entity());
            if (old.isEmpty()) {
                out.add(new SessionEvent.MemberJoined(m));
            } else if (!old.get().equals(m)) {
                out.add(new SessionEvent.MemberUpdated(old.get(), m));
            }
        }
        for (RosterMember m : before.members()) {
            if (after.member(m.entity()).isEmpty()) {
                out.add(new SessionEvent.MemberLeft(m));
            }
        }
        return out;
    }

    private void refreshNow(Consumer<Change> track) {
        Dialog d = dialog;
        if (d == null || closedByFocus) {
            return;
        }
        try {
            Request r = d.createRequest(Request.SUBSCRIBE);
            send(r, true);
        } catch (Exception e) {
            track.accept(problem("member list refresh failed: " + e.getMessage()));
        }
    }

    private void send(Request r, boolean inDialog) throws Exception {
        r.setHeader(ua.headers.createEventHeader(EVENT));
        r.setHeader(ua.headers.createExpiresHeader(EXPIRES));
        r.setHeader(ua.headers.createAcceptHeader("application", "conference-info+xml"));
        ClientTransaction tx = ua.provider.getNewClientTransaction(r);
        pendingTx = tx;
        Dialog d = dialog;
        if (inDialog && d != null) {
            d.sendRequest(tx);
        } else {
            tx.sendRequest();
        }
    }

    private void cancelRefresh() {
        ScheduledFuture<?> f = refresh;
        if (f != null) {
            f.cancel(false);
            refresh = null;
        }
    }

    private static Change problem(String message) {
        return new Change(List.of(new SessionEvent.Problem(message)));
    }
}
