package dev.parley.registrar.digest;

import java.util.regex.Pattern;

/**
 * What the account store keeps instead of a password: {@code H(username:realm:password)} for
 * each offered algorithm (RFC 7616 §3.4.2), lower-case hex.
 */
public record Ha1Pair(String md5, String sha256) {
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Ha1Pair {
        if (!MD5_HEX.matcher(md5).matches()) {
            throw new IllegalArgumentException("MD5 HA1 must be 32 lower-case hex digits");
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("SHA-256 HA1 must be 64 lower-case hex digits");
        }
    }

    /** Both hashes of one password, for a user in a realm. */
    public static Ha1Pair of(String username, String realm, String password) {
        return new Ha1Pair(
                DigestAlgorithm.MD5.ha1(username, realm, password),
                DigestAlgorithm.SHA_256.ha1(username, realm, password));
    }

    /** The HA1 for one algorithm. */
    public String forAlgorithm(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> md5;
            case SHA_256 -> sha256;
        };
    }
}
