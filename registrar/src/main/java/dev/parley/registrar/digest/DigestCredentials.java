package dev.parley.registrar.digest;

import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of an {@code Authorization: Digest ...} header (RFC 7616 §3.4, RFC 3261
 * §22.4), as the SIP stack parsed them. Absent parameters are empty; the verifier decides which
 * absences are fatal.
 */
public record DigestCredentials(
        String username,
        String realm,
        String nonce,
        String uri,
        String response,
        Optional<String> algorithm,
        Optional<String> qop,
        Optional<String> nonceCount,
        Optional<String> cnonce,
        Optional<String> opaque) {

    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(qop, "qop");
        Objects.requireNonNull(nonceCount, "nonceCount");
        Objects.requireNonNull(cnonce, "cnonce");
        Objects.requireNonNull(opaque, "opaque");
    }
}
