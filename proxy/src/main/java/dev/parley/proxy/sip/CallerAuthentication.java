package dev.parley.proxy.sip;

import dev.parley.registrar.auth.AuthOutcome;
import dev.parley.registrar.auth.Authenticator;
import dev.parley.registrar.store.StoreException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * RFC 3261 §22.3: a user of this domain proves who it is before the focus or the proxy acts on
 * its request: 407 with the registrar's digest (and its failure throttle), 403 when throttled or
 * when the credentials are someone else's. Guests from other domains pass.
 */
final class CallerAuthentication {
    private final SipContext sip;
    private final Responder responder;
    private final Authenticator auth;
    private final DigestChallenges challenges;
    private final String domain;
    private final Set<String> localHosts;
    private final Clock clock;

    CallerAuthentication(
            SipContext sip,
            Responder responder,
            Authenticator auth,
            DigestChallenges challenges,
            String domain,
            Set<String> localHosts,
            Clock clock) {
        this.sip = sip;
        this.responder = responder;
        this.auth = auth;
        this.challenges = challenges;
        this.domain = domain;
        this.localHosts = Set.copyOf(localHosts);
        this.clock = clock;
    }

    /** Whether the From URI names a user of this domain (by its name or a listening address). */
    boolean fromLocalUser(Request request) {
        String fromHost = SipParties.fromHost(request);
        return fromHost.equalsIgnoreCase(domain) || localHosts.contains(fromHost);
    }

    /** True when the request may go on; false when this answered it (407, 403, 500). */
    boolean passes(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, InvalidArgumentException {
        if (!fromLocalUser(request)) {
            return true;
        }
        Instant now = clock.instant();
        AuthOutcome outcome;
        try {
            outcome = auth.authenticate(
                    request.getMethod(),
                    RegisterMapper.credentials(request, auth.realm(), ProxyAuthorizationHeader.NAME),
                    RegisterMapper.flow(request).sourceHost(),
                    now);
        } catch (StoreException e) {
            responder.send(provider, tx, sip.response(Response.SERVER_INTERNAL_ERROR, "Store Unavailable", request));
            return false;
        }
        if (outcome instanceof AuthOutcome.Challenge c) {
            responder.send(provider, tx, challenges.proxyAuthenticationRequired(request, c.stale(), now), c.delay());
            return false;
        }
        if (outcome instanceof AuthOutcome.Refused refused) {
            Response r = sip.response(Response.FORBIDDEN, "Too Many Failed Attempts", request);
            r.addHeader(sip.headers().createRetryAfterHeader((int)
                    Math.max(1, refused.retryAfter().toSeconds())));
            responder.send(provider, tx, r);
            return false;
        }
        String user = ((AuthOutcome.Authenticated) outcome).username();
        if (!SipParties.fromUser(request).equals(user)) {
            responder.send(provider, tx, sip.response(Response.FORBIDDEN, "Authenticated as " + user, request));
            return false;
        }
        return true;
    }
}
