package dev.parley.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} attribute of
 * SDES-SRTP (RFC 4568 §9.1), e.g. {@code 1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^20|1:32}.
 */
public record Crypto(int tag, String suite, String keyParams, Optional<String> sessionParams) {
    public Crypto {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(keyParams, "keyParams");
        Objects.requireNonNull(sessionParams, "sessionParams");
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag out of range: " + tag);
        }
    }

    /** Parses the value of an {@code a=crypto} line; empty when it is malformed. */
    public static Optional<Crypto> parse(String value) {
        String[] parts = value.trim().split(" ", 4);
        if (parts.length < 3 || !parts[2].startsWith("inline:") || parts[0].length() > 9) {
            return Optional.empty();
        }
        for (int i = 0; i < parts[0].length(); i++) {
            if (!Character.isDigit(parts[0].charAt(i))) {
                return Optional.empty();
            }
        }
        if (parts[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Crypto(
                Integer.parseInt(parts[0]),
                parts[1],
                parts[2],
                parts.length == 4 ? Optional.of(parts[3]) : Optional.empty()));
    }

    /** The base64 master key and salt of the first {@code inline:} key, without lifetime or MKI. */
    public String inlineKey() {
        String key = keyParams.substring("inline:".length());
        int bar = key.indexOf('|');
        int semi = key.indexOf(';');
        int end = bar < 0 ? key.length() : bar;
        if (semi >= 0 && semi < end) {
            end = semi;
        }
        return key.substring(0, end);
    }

    /** The attribute value. */
    public String value() {
        return tag + " " + suite + " " + keyParams
                + sessionParams.map(s -> " " + s).orElse("");
    }
}
