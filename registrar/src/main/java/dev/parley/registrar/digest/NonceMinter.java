package dev.parley.registrar.digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless digest nonces (RFC 7616 §3.3, §5.4): {@code base64url(issuedAt ‖ salt ‖
 * HMAC-SHA-256(key, issuedAt ‖ salt ‖ realm)[0..16])}. The server verifies them from the key
 * alone, so nothing is stored per challenge and servers sharing the key accept each other's
 * nonces. A nonce older than {@code lifetime} is {@link NonceCheck#STALE}.
 *
 * <p>Thread-safe: the key is immutable and each thread has its own {@link Mac}, keyed once
 * (looking the algorithm up and keying it was two thirds of a nonce's cost, and a REGISTER
 * exchange mints one nonce and checks one).
 */
public final class NonceMinter {
    private static final int TIME_BYTES = 8;
    private static final int SALT_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int TOTAL = TIME_BYTES + SALT_BYTES + MAC_BYTES;
    /** A nonce dated this far ahead of {@code now} is forged (or a clock jumped back). */
    private static final Duration MAX_SKEW = Duration.ofSeconds(5);

    private final ThreadLocal<Mac> macs;
    private final byte[] realm;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public NonceMinter(byte[] key, String realm, Duration lifetime) {
        if (key.length < 16) {
            throw new IllegalArgumentException("nonce key needs at least 16 bytes, got " + key.length);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive, got " + lifetime);
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> keyed(spec));
        this.realm = realm.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
    }

    /** How long a nonce stays {@link NonceCheck#FRESH}. */
    public Duration lifetime() {
        return lifetime;
    }

    /** A new nonce dated {@code now}. */
    public String mint(Instant now) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        ByteBuffer buf = ByteBuffer.allocate(TOTAL);
        buf.putLong(now.toEpochMilli()).put(salt);
        buf.put(mac(buf.array(), TIME_BYTES + SALT_BYTES), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** Checks a nonce a client returned, at {@code now}. */
    public NonceCheck check(String nonce, Instant now) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return NonceCheck.FORGED;
        }
        if (raw.length != TOTAL) {
            return NonceCheck.FORGED;
        }
        byte[] expected = Arrays.copyOf(mac(raw, TIME_BYTES + SALT_BYTES), MAC_BYTES);
        byte[] actual = Arrays.copyOfRange(raw, TIME_BYTES + SALT_BYTES, TOTAL);
        if (!MessageDigest.isEqual(expected, actual)) {
            return NonceCheck.FORGED;
        }
        Instant issued = Instant.ofEpochMilli(ByteBuffer.wrap(raw).getLong());
        if (issued.isAfter(now.plus(MAX_SKEW))) {
            return NonceCheck.FORGED;
        }
        return issued.plus(lifetime).isBefore(now) ? NonceCheck.STALE : NonceCheck.FRESH;
    }

    /** When a nonce that passed {@link #check} stops being fresh. */
    public Instant expiry(String nonce) {
        byte[] raw = Base64.getUrlDecoder().decode(nonce);
        return Instant.ofEpochMilli(ByteBuffer.wrap(raw).getLong()).plus(lifetime);
    }

    /** The MAC of {@code data[0..length)} and the realm; doFinal leaves the thread's Mac reset. */
    private byte[] mac(byte[] data, int length) {
        Mac mac = macs.get();
        mac.update(data, 0, length);
        mac.update(realm);
        return mac.doFinal();
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
