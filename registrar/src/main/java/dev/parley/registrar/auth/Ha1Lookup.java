package dev.parley.registrar.auth;

import dev.parley.registrar.digest.Ha1Pair;
import dev.parley.registrar.store.StoreException;
import java.util.Optional;

/** Where {@link Authenticator} finds the HA1 hashes of a user for its realm. */
@FunctionalInterface
public interface Ha1Lookup {
    /** The hashes of {@code username}, empty when there is no such account in this realm. */
    Optional<Ha1Pair> find(String username) throws StoreException;
}
