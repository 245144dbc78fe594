package dev.parley.registrar.digest;

/**
 * The {@code response} value of RFC 7616 §3.4.1 with {@code qop=auth}:
 * {@code KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" H(method ":" uri))}.
 */
public final class DigestResponse {
    private DigestResponse() {}

    /** The response a client that knows the password sends for these parameters. */
    public static String compute(
            DigestAlgorithm algorithm,
            String ha1,
            String nonce,
            String nonceCount,
            String cnonce,
            String qop,
            String method,
            String uri) {
        String ha2 = algorithm.hash(method + ":" + uri);
        return algorithm.hash(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
