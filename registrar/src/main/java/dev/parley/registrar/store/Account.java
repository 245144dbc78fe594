package dev.parley.registrar.store;

import dev.parley.registrar.digest.Ha1Pair;
import java.time.Instant;

/** A user who may register: name, the realm the hashes were made for, the hashes. */
public record Account(String username, String realm, Ha1Pair ha1, Instant createdAt) {
    public Account {
        if (!validName(username)) {
            throw new IllegalArgumentException(
                    "user names are 1-64 characters of letters, digits and - _ . ! ~ * ' ( ) +: " + username);
        }
    }

    /**
     * Whether {@code name} can be the user part of a SIP URI without escaping (RFC 3261 §25.1
     * {@code unreserved} plus {@code +}), at most 64 characters.
     */
    public static boolean validName(String name) {
        return name.matches("[A-Za-z0-9\\-_.!~*'()+]{1,64}");
    }
}
