package dev.parley.registrar.digest;

/** What a nonce returned in credentials turned out to be. */
public enum NonceCheck {
    /** Minted here, with this key, within its lifetime. */
    FRESH,
    /** Minted here but older than its lifetime: challenge again with {@code stale=true}. */
    STALE,
    /** Not minted here (wrong MAC, wrong length, from the future): challenge without stale. */
    FORGED
}
