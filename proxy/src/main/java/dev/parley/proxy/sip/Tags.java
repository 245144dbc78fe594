package dev.parley.proxy.sip;

import java.security.SecureRandom;
import java.util.HexFormat;

/** To tags for responses (RFC 3261 §19.3: at least 32 bits of randomness). */
final class Tags {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tags() {}

    static String next() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
