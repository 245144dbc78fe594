package dev.parley.registrar.auth;

import dev.parley.registrar.digest.DigestAlgorithm;
import dev.parley.registrar.digest.DigestCredentials;
import dev.parley.registrar.digest.DigestResponse;
import dev.parley.registrar.digest.Ha1Pair;
import dev.parley.registrar.digest.NonceCheck;
import dev.parley.registrar.digest.NonceCountTracker;
import dev.parley.registrar.digest.NonceMinter;
import dev.parley.registrar.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Digest authentication of SIP requests (RFC 3261 §22.4 with RFC 7616 as updated for SIP by RFC
 * 8760): realm, algorithm, qop and nonce checks, the response against the stored HA1, nonce-count
 * replay protection and the failure throttle, in that order.
 */
public final class Authenticator {
    private static final Pattern NONCE_COUNT = Pattern.compile("[0-9a-fA-F]{8}");

    private final String realm;
    private final NonceMinter nonces;
    private final NonceCountTracker counts;
    private final FailureThrottle throttle;
    private final Ha1Lookup accounts;

    public Authenticator(
            String realm, NonceMinter nonces, NonceCountTracker counts, FailureThrottle throttle, Ha1Lookup accounts) {
        this.realm = realm;
        this.nonces = nonces;
        this.counts = counts;
        this.throttle = throttle;
        this.accounts = accounts;
    }

    /** The realm challenges name. */
    public String realm() {
        return realm;
    }

    /** A fresh nonce for a challenge sent at {@code now}. */
    public String mintNonce(Instant now) {
        return nonces.mint(now);
    }

    /** Decides about a {@code method} request from {@code source} carrying {@code credentials}. */
    public AuthOutcome authenticate(String method, Optional<DigestCredentials> credentials, String source, Instant now)
            throws StoreException {
        return authenticate(method, credentials, source, now, "");
    }

    /**
     * As {@link #authenticate(String, Optional, String, Instant)}, for a request answered without
     * transaction state: {@code request} names it (Call-ID and CSeq), so that the same request
     * retransmitted with the same credentials passes the nonce-count check again, while those
     * credentials in any other request are a replay.
     */
    public AuthOutcome authenticate(
            String method, Optional<DigestCredentials> credentials, String source, Instant now, String request)
            throws StoreException {
        if (credentials.isEmpty() || !credentials.get().realm().equals(realm)) {
            return challenge(credentials.isEmpty() ? AuthFailure.NO_CREDENTIALS : AuthFailure.WRONG_REALM);
        }
        DigestCredentials c = credentials.get();
        ThrottleVerdict before = throttle.check(source, c.username(), now);
        if (before.kind() == ThrottleVerdict.Kind.REFUSE) {
            return new AuthOutcome.Refused(AuthFailure.THROTTLED, before.duration());
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm());
        if (algorithm.isEmpty()) {
            return challenge(AuthFailure.UNSUPPORTED_ALGORITHM);
        }
        if (!c.qop().map("auth"::equalsIgnoreCase).orElse(false)
                || c.cnonce().isEmpty()
                || c.nonceCount()
                        .filter(nc -> NONCE_COUNT.matcher(nc).matches())
                        .isEmpty()) {
            return challenge(AuthFailure.MISSING_QOP);
        }
        NonceCheck nonce = nonces.check(c.nonce(), now);
        if (nonce == NonceCheck.FORGED) {
            return challenge(AuthFailure.FORGED_NONCE);
        }
        Optional<Ha1Pair> account = accounts.find(c.username());
        if (account.isEmpty()) {
            return failed(AuthFailure.UNKNOWN_USER, source, c.username(), now);
        }
        String expected = DigestResponse.compute(
                algorithm.get(),
                account.get().forAlgorithm(algorithm.get()),
                c.nonce(),
                c.nonceCount().orElseThrow(),
                c.cnonce().orElseThrow(),
                c.qop().orElseThrow(),
                method,
                c.uri());
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), c.response().getBytes(StandardCharsets.US_ASCII))) {
            return failed(AuthFailure.WRONG_PASSWORD, source, c.username(), now);
        }
        if (nonce == NonceCheck.STALE) {
            return new AuthOutcome.Challenge(AuthFailure.STALE_NONCE, true, Duration.ZERO);
        }
        long nc = Long.parseLong(c.nonceCount().orElseThrow(), 16);
        if (!counts.accept(c.nonce(), nc, c.response() + " " + request, nonces.expiry(c.nonce()), now)) {
            return failed(AuthFailure.REPLAYED_NONCE_COUNT, source, c.username(), now);
        }
        throttle.succeeded(source, c.username(), now);
        return new AuthOutcome.Authenticated(c.username());
    }

    private static AuthOutcome challenge(AuthFailure reason) {
        return new AuthOutcome.Challenge(reason, false, Duration.ZERO);
    }

    private AuthOutcome failed(AuthFailure reason, String source, String user, Instant now) {
        ThrottleVerdict after = throttle.failed(source, user, now);
        if (after.kind() == ThrottleVerdict.Kind.REFUSE) {
            return new AuthOutcome.Refused(reason, after.duration());
        }
        return new AuthOutcome.Challenge(reason, false, after.duration());
    }
}
