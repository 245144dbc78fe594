package dev.parley.ua.sip;

import java.util.ListIterator;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;

/**
 * REGISTER (RFC 3261 §10.2): one Call-ID for every refresh of this agent's binding, the expiry
 * the registrar grants read back from its Contact, and a refresh before it runs out. Owned by
 * the session thread.
 */
final class Registration {
    /** Seconds asked for. */
    static final int EXPIRES = 600;

    private final UaStack ua;
    private final String callId = UUID.randomUUID() + "@parley-ua";
    private @Nullable ScheduledFuture<?> refresh;

    Registration(UaStack ua) {
        this.ua = ua;
    }

    Request request(int expires) throws Exception {
        String aor = ua.account.aor();
        Request r = ua.request(Request.REGISTER, "sip:" + ua.account.domain(), aor, callId);
        r.addHeader(ua.headers.createExpiresHeader(expires));
        return r;
    }

    /** The expiry of this agent's binding in a 200 (§10.2.4): its Contact's {@code expires}, else Expires. */
    int grantedExpires(Response ok) {
        ListIterator<?> it = ok.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress().getURI() instanceof SipURI u
                    && u.getHost().equals(ua.local.getHostAddress())
                    && u.getPort() == ua.port
                    && c.getExpires() >= 0) {
                return c.getExpires();
            }
        }
        return SipSession.expiresOf(ok, EXPIRES);
    }

    /** Refreshes a fifth of the time (at least 5 s, at most 60 s) before the binding expires. */
    void scheduleRefresh(ScheduledExecutorService on, int grantedSeconds, Runnable send) {
        cancelRefresh();
        long margin = Math.min(60, Math.max(5, grantedSeconds / 5));
        long after = Math.max(1, grantedSeconds - margin);
        refresh = on.schedule(send, after, TimeUnit.SECONDS);
    }

    void cancelRefresh() {
        ScheduledFuture<?> r = refresh;
        if (r != null) {
            r.cancel(false);
            refresh = null;
        }
    }
}
