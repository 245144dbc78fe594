package dev.parley.registrar.auth;

/** Why a request did not authenticate; each is a counter in {@code /metrics}. */
public enum AuthFailure {
    /** No credentials for our realm: the normal first request, answered with a challenge. */
    NO_CREDENTIALS,
    /** A realm we do not serve. */
    WRONG_REALM,
    /** An {@code algorithm} we do not offer. */
    UNSUPPORTED_ALGORITHM,
    /** No {@code qop=auth}, {@code nc} or {@code cnonce}: RFC 2069 style credentials. */
    MISSING_QOP,
    /** A nonce this server did not mint. */
    FORGED_NONCE,
    /** A correct response to a nonce past its lifetime: re-challenged with stale=true. */
    STALE_NONCE,
    /** A user name with no account. */
    UNKNOWN_USER,
    /** A response that does not match the stored HA1. */
    WRONG_PASSWORD,
    /** A nonce count not higher than one already accepted for that nonce. */
    REPLAYED_NONCE_COUNT,
    /** Refused by the failure throttle without checking the credentials. */
    THROTTLED
}
