package dev.parley.registrar.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonceMinterTest {
    private static final byte[] KEY =
            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final NonceMinter minter = new NonceMinter(KEY, "localhost", Duration.ofSeconds(300));

    @Test
    void freshUntilItsLifetimeThenStale() {
        String nonce = minter.mint(T0);
        assertThat(minter.check(nonce, T0)).isEqualTo(NonceCheck.FRESH);
        assertThat(minter.check(nonce, T0.plusSeconds(300))).isEqualTo(NonceCheck.FRESH);
        assertThat(minter.check(nonce, T0.plusSeconds(301))).isEqualTo(NonceCheck.STALE);
        assertThat(minter.expiry(nonce)).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void everyNonceIsDifferent() {
        assertThat(minter.mint(T0)).isNotEqualTo(minter.mint(T0));
    }

    @Test
    void tamperedOrForeignNoncesAreForged() {
        String nonce = minter.mint(T0);
        byte[] raw = Base64.getUrlDecoder().decode(nonce);
        raw[3] ^= 1; // move the issue time
        assertThat(minter.check(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), T0))
                .isEqualTo(NonceCheck.FORGED);
        NonceMinter otherKey = new NonceMinter(otherKey(), "localhost", Duration.ofSeconds(300));
        assertThat(otherKey.check(nonce, T0)).isEqualTo(NonceCheck.FORGED);
        NonceMinter otherRealm = new NonceMinter(KEY, "example.com", Duration.ofSeconds(300));
        assertThat(otherRealm.check(nonce, T0)).isEqualTo(NonceCheck.FORGED);
        assertThat(minter.check("not base64 !", T0)).isEqualTo(NonceCheck.FORGED);
        assertThat(minter.check("", T0)).isEqualTo(NonceCheck.FORGED);
    }

    /** The same key with its first byte changed (a zero byte appended would be the same HMAC key). */
    private static byte[] otherKey() {
        byte[] key = Arrays.copyOf(KEY, KEY.length);
        key[0] ^= 0x55;
        return key;
    }

    @Test
    void nonceFromTheFutureIsForged() {
        String nonce = minter.mint(T0.plusSeconds(60));
        assertThat(minter.check(nonce, T0)).isEqualTo(NonceCheck.FORGED);
    }

    @Test
    void nonceCountsMustRiseExceptForARetransmission() {
        NonceCountTracker tracker = new NonceCountTracker(2);
        Instant expiry = T0.plusSeconds(300);
        assertThat(tracker.accept("a", 1, "r1", expiry, T0)).isTrue();
        assertThat(tracker.accept("a", 1, "r1", expiry, T0))
                .as("the same request again")
                .isTrue();
        assertThat(tracker.accept("a", 1, "other", expiry, T0))
                .as("another request, same count")
                .isFalse();
        assertThat(tracker.accept("a", 2, "r2", expiry, T0)).isTrue();
        assertThat(tracker.accept("a", 1, "r1", expiry, T0))
                .as("an older count")
                .isFalse();
        assertThat(tracker.accept("b", 1, "r1", expiry, T0)).isTrue();
        assertThat(tracker.accept("c", 1, "r1", T0.plusSeconds(600), T0)).isTrue();
        assertThat(tracker.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void aFullTrackerForgetsTheNonceAcceptedFirstAndExpiredOnesGo() {
        NonceCountTracker tracker = new NonceCountTracker(3);
        Instant expiry = T0.plusSeconds(300);
        for (String nonce : List.of("a", "b", "c")) {
            assertThat(tracker.accept(nonce, 1, "r1", expiry, T0)).isTrue();
        }
        assertThat(tracker.accept("a", 2, "r2", expiry, T0))
                .as("a later count keeps a's place")
                .isTrue();
        assertThat(tracker.accept("d", 1, "r1", expiry, T0)).isTrue();
        assertThat(tracker.size()).isEqualTo(3);
        assertThat(tracker.accept("b", 1, "other", expiry, T0))
                .as("b is still remembered: its count again in another request is a replay")
                .isFalse();
        assertThat(tracker.accept("a", 1, "other", expiry, T0))
                .as("a, accepted first, was forgotten to make room for d")
                .isTrue();
        assertThat(tracker.accept("e", 1, "r1", T0.plusSeconds(900), T0.plusSeconds(301)))
                .isTrue();
        assertThat(tracker.size()).as("all the others expired at T0 + 300 s").isEqualTo(1);
    }
}
