package dev.parley.proxy.sip;

import dev.parley.registrar.auth.Authenticator;
import dev.parley.registrar.digest.DigestAlgorithm;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The digest challenge of RFC 3261 §22 with RFC 8760 §2.4's one header per algorithm, most
 * preferred first: 401 with {@code WWW-Authenticate} for the registrar, 407 with {@code
 * Proxy-Authenticate} for requests the server handles as a proxy or focus. All the headers
 * of one challenge carry the same nonce.
 */
final class DigestChallenges {
    private final SipContext sip;
    private final Authenticator auth;
    private final List<DigestAlgorithm> algorithms;

    DigestChallenges(SipContext sip, Authenticator auth, List<DigestAlgorithm> algorithms) {
        this.sip = sip;
        this.auth = auth;
        this.algorithms = List.copyOf(algorithms);
    }

    Response unauthorized(Request request, boolean stale, Instant now) throws ParseException {
        return challenge(request, Response.UNAUTHORIZED, "Unauthorized", stale, now);
    }

    Response proxyAuthenticationRequired(Request request, boolean stale, Instant now) throws ParseException {
        return challenge(request, Response.PROXY_AUTHENTICATION_REQUIRED, "Proxy Authentication Required", stale, now);
    }

    private Response challenge(Request request, int status, String reason, boolean stale, Instant now)
            throws ParseException {
        Response response = sip.response(status, reason, request);
        // One nonce for all the algorithms offered: it is bound to the realm and its time, not to
        // an algorithm, and the client answers only one of the challenges.
        String nonce = auth.mintNonce(now);
        for (DigestAlgorithm algorithm : algorithms) {
            WWWAuthenticateHeader h = status == Response.UNAUTHORIZED
                    ? sip.headers().createWWWAuthenticateHeader("Digest")
                    : sip.headers().createProxyAuthenticateHeader("Digest");
            h.setRealm(auth.realm());
            h.setNonce(nonce);
            h.setAlgorithm(algorithm.token());
            h.setQop("auth");
            if (stale) {
                h.setStale(true);
            }
            response.addHeader(h);
        }
        return response;
    }
}
