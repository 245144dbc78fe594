package dev.parley.registrar.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.registrar.digest.DigestAlgorithm;
import dev.parley.registrar.digest.DigestCredentials;
import dev.parley.registrar.digest.DigestResponse;
import dev.parley.registrar.digest.Ha1Pair;
import dev.parley.registrar.digest.NonceCountTracker;
import dev.parley.registrar.digest.NonceMinter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String REALM = "localhost";
    private static final String URI = "sip:localhost";
    private final Map<String, Ha1Pair> accounts = Map.of("alice", Ha1Pair.of("alice", REALM, "s3cret"));
    private final Authenticator auth = new Authenticator(
            REALM,
            new NonceMinter("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), REALM, Duration.ofMinutes(5)),
            new NonceCountTracker(100),
            new FailureThrottle(ThrottlePolicy.defaults()),
            user -> Optional.ofNullable(accounts.get(user)));

    private static DigestCredentials answer(
            DigestAlgorithm algorithm, String user, String password, String nonce, String nc) {
        String cnonce = "c0ffee";
        String ha1 = algorithm.ha1(user, REALM, password);
        String response = DigestResponse.compute(algorithm, ha1, nonce, nc, cnonce, "auth", "REGISTER", URI);
        return new DigestCredentials(
                user,
                REALM,
                nonce,
                URI,
                response,
                Optional.of(algorithm.token()),
                Optional.of("auth"),
                Optional.of(nc),
                Optional.of(cnonce),
                Optional.empty());
    }

    @Test
    void noCredentialsGetsAChallenge() throws Exception {
        assertThat(auth.authenticate("REGISTER", Optional.empty(), "10.0.0.1", T0))
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.NO_CREDENTIALS, false, Duration.ZERO));
    }

    @Test
    void rightPasswordWithEitherAlgorithmAuthenticates() throws Exception {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            String nonce = auth.mintNonce(T0);
            assertThat(auth.authenticate(
                            "REGISTER",
                            Optional.of(answer(algorithm, "alice", "s3cret", nonce, "00000001")),
                            "10.0.0.1",
                            T0))
                    .isEqualTo(new AuthOutcome.Authenticated("alice"));
        }
    }

    @Test
    void wrongPasswordUnknownUserAndReplayAreRefused() throws Exception {
        String nonce = auth.mintNonce(T0);
        assertThat(auth.authenticate(
                        "REGISTER",
                        Optional.of(answer(DigestAlgorithm.SHA_256, "alice", "guess", nonce, "00000001")),
                        "10.0.0.1",
                        T0))
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.WRONG_PASSWORD, false, Duration.ZERO));
        assertThat(auth.authenticate(
                        "REGISTER",
                        Optional.of(answer(DigestAlgorithm.MD5, "mallory", "x", nonce, "00000001")),
                        "10.0.0.1",
                        T0))
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.UNKNOWN_USER, false, Duration.ZERO));
        DigestCredentials good = answer(DigestAlgorithm.MD5, "alice", "s3cret", nonce, "00000001");
        assertThat(auth.authenticate("REGISTER", Optional.of(good), "10.0.0.1", T0, "c1 2"))
                .isEqualTo(new AuthOutcome.Authenticated("alice"));
        assertThat(auth.authenticate("REGISTER", Optional.of(good), "10.0.0.1", T0, "c1 2"))
                .as("the same request retransmitted")
                .isEqualTo(new AuthOutcome.Authenticated("alice"));
        assertThat(auth.authenticate("REGISTER", Optional.of(good), "10.0.0.1", T0, "c1 3"))
                .as("the same credentials in the next request")
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.REPLAYED_NONCE_COUNT, false, Duration.ZERO));
        DigestCredentials next = answer(DigestAlgorithm.MD5, "alice", "s3cret", nonce, "00000002");
        assertThat(auth.authenticate("REGISTER", Optional.of(next), "10.0.0.1", T0))
                .isEqualTo(new AuthOutcome.Authenticated("alice"));
    }

    @Test
    void correctAnswerToAnOldNonceIsStale() throws Exception {
        String nonce = auth.mintNonce(T0);
        Instant later = T0.plus(Duration.ofMinutes(6));
        assertThat(auth.authenticate(
                        "REGISTER",
                        Optional.of(answer(DigestAlgorithm.MD5, "alice", "s3cret", nonce, "00000001")),
                        "10.0.0.1",
                        later))
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.STALE_NONCE, true, Duration.ZERO));
        assertThat(auth.authenticate(
                        "REGISTER",
                        Optional.of(answer(DigestAlgorithm.MD5, "alice", "nope", nonce, "00000001")),
                        "10.0.0.1",
                        later))
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.WRONG_PASSWORD, false, Duration.ZERO));
    }

    @Test
    void forgedNonceAndRfc2069CredentialsAreChallengedAgain() throws Exception {
        DigestCredentials forged = answer(
                DigestAlgorithm.MD5, "alice", "s3cret", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "00000001");
        assertThat(auth.authenticate("REGISTER", Optional.of(forged), "10.0.0.1", T0))
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.FORGED_NONCE, false, Duration.ZERO));
        DigestCredentials good = answer(DigestAlgorithm.MD5, "alice", "s3cret", auth.mintNonce(T0), "00000001");
        DigestCredentials noQop = new DigestCredentials(
                good.username(),
                good.realm(),
                good.nonce(),
                good.uri(),
                good.response(),
                good.algorithm(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThat(auth.authenticate("REGISTER", Optional.of(noQop), "10.0.0.1", T0))
                .isEqualTo(new AuthOutcome.Challenge(AuthFailure.MISSING_QOP, false, Duration.ZERO));
    }

    @Test
    void guessingEndsInRefusalWithoutCheckingThePassword() throws Exception {
        AuthOutcome last = null;
        for (int i = 0; i < 20; i++) {
            last = auth.authenticate(
                    "REGISTER",
                    Optional.of(answer(DigestAlgorithm.MD5, "alice", "guess" + i, auth.mintNonce(T0), "00000001")),
                    "10.6.6.6",
                    T0);
        }
        assertThat(last).isInstanceOf(AuthOutcome.Refused.class);
        DigestCredentials right = answer(DigestAlgorithm.MD5, "alice", "s3cret", auth.mintNonce(T0), "00000001");
        assertThat(auth.authenticate("REGISTER", Optional.of(right), "10.6.6.6", T0))
                .isEqualTo(new AuthOutcome.Refused(AuthFailure.THROTTLED, Duration.ofMinutes(5)));
    }
}
