package dev.parley.registrar.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest hash algorithms of RFC 7616 §3.2 that Parley offers to SIP clients (RFC 8760 §2.2):
 * SHA-256 first, MD5 for older user agents. The {@code -sess} variants are not offered.
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm} parameter value, as written in challenges and credentials. */
    public String token() {
        return token;
    }

    /**
     * The algorithm a credentials {@code algorithm} parameter names; an absent parameter means
     * MD5 (RFC 7616 §3.3).
     */
    public static Optional<DigestAlgorithm> fromToken(Optional<String> token) {
        if (token.isEmpty()) {
            return Optional.of(MD5);
        }
        String upper = token.get().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equals(upper)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** {@code H(data)} of RFC 7616 §3.4.1: the lower-case hex digest of the UTF-8 bytes. */
    public String hash(String data) {
        try {
            MessageDigest digest = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + jcaName, e);
        }
    }

    /** {@code A1} hashed, RFC 7616 §3.4.2: {@code H(username ":" realm ":" passwd)}. */
    public String ha1(String username, String realm, String password) {
        return hash(username + ":" + realm + ":" + password);
    }
}
