package dev.parley.ua.sip;

import dev.parley.ua.session.Account;
import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/**
 * Answers 401/407 digest challenges (RFC 3261 §22) with jain-sip's {@link AuthenticationHelper}.
 * That helper computes MD5 only, whatever the challenge names, so the challenges are first cut
 * down to the MD5 ones: a server that offers SHA-256 and MD5 (RFC 8760 §2.4) gets an MD5 answer,
 * one that offers SHA-256 alone gets a clear refusal instead of a wrong answer.
 */
final class Challenges {
    private final UaStack ua;
    private final AuthenticationHelper helper;

    Challenges(UaStack ua) {
        this.ua = ua;
        Account account = ua.account;
        this.helper = ((SipStackExt) ua.stack)
                .getAuthenticationHelper(
                        (ClientTransaction tx, String realm) -> new UserCredentials() {
                            @Override
                            public String getUserName() {
                                return account.user();
                            }

                            @Override
                            public String getPassword() {
                                return account.password();
                            }

                            @Override
                            public String getSipDomain() {
                                return realm;
                            }
                        },
                        ua.headers);
    }

    /** Thrown when no challenge is one this agent can answer. */
    static final class UnanswerableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnanswerableException(String message) {
            super(message);
        }
    }

    /** The new transaction (not yet sent) carrying credentials for {@code challenge}. */
    ClientTransaction answer(Response challenge, ClientTransaction challenged)
            throws SipException, UnanswerableException {
        String name = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED
                ? ProxyAuthenticateHeader.NAME
                : WWWAuthenticateHeader.NAME;
        Response md5Only = (Response) challenge.clone();
        List<WWWAuthenticateHeader> keep = new ArrayList<>();
        List<String> offered = new ArrayList<>();
        ListIterator<?> it = challenge.getHeaders(name);
        while (it.hasNext()) {
            WWWAuthenticateHeader h = (WWWAuthenticateHeader) it.next();
            String alg = h.getAlgorithm();
            offered.add(alg == null ? "MD5" : alg);
            if ("Digest".equalsIgnoreCase(h.getScheme())
                    && (alg == null || alg.toUpperCase(Locale.ROOT).equals("MD5"))) {
                keep.add(h);
            }
        }
        if (keep.isEmpty()) {
            throw new UnanswerableException(
                    "the server asks for digest " + String.join(", ", offered) + "; this agent answers MD5");
        }
        md5Only.removeHeader(name);
        for (WWWAuthenticateHeader h : keep) {
            md5Only.addHeader(h);
        }
        return helper.handleChallenge(md5Only, challenged, ua.provider, 0, true);
    }
}
