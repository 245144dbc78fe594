package dev.parley.proxy.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The loop-detection part of this proxy's Via branch (RFC 3261 §16.6 step 8, checked in §16.3
 * step 4): a hash of what stays the same when a request comes back unchanged (Request-URI as
 * received, From and To tags, Call-ID, CSeq number, Proxy-Require, Proxy-Authorization) and
 * changes when it spirals (a new Request-URI). The topmost Via the RFC lists is left out: a
 * looped request arrives with another hop's Via on top, so it would never match.
 *
 * <p>Branch layout: {@code z9hG4bK-prly-HASH-N}, N the branch index of the fork ({@code -N-A} for
 * its fallback A).
 */
public final class LoopHash {
    private static final String PREFIX = "z9hG4bK-prly-";

    private LoopHash() {}

    public static String compute(
            String requestUri,
            String fromTag,
            String toTag,
            String callId,
            long cseq,
            List<String> proxyRequire,
            List<String> proxyAuthorization) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        StringBuilder all = new StringBuilder(256)
                .append(requestUri)
                .append('\n')
                .append(fromTag)
                .append('\n')
                .append(toTag)
                .append('\n')
                .append(callId)
                .append('\n')
                .append(cseq);
        proxyRequire.forEach(v -> all.append("\nPR:").append(v));
        proxyAuthorization.forEach(v -> all.append("\nPA:").append(v));
        byte[] digest = md.digest(all.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 10);
    }

    /** The branch parameter for branch {@code index} of a request with this hash. */
    public static String branch(String hash, int index) {
        return PREFIX + hash + "-" + index;
    }

    /**
     * The branch parameter of fallback {@code attempt} (1, 2…) of branch {@code index}: the same
     * target device over another of its flows (RFC 5626 §5.3), a transaction of its own.
     */
    public static String branch(String hash, int index, int attempt) {
        return branch(hash, index) + "-" + attempt;
    }

    /** The hash inside one of this proxy's branch parameters. */
    public static Optional<String> of(String branch) {
        if (!branch.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = branch.indexOf('-', PREFIX.length());
        return Optional.of(branch.substring(PREFIX.length(), end < 0 ? branch.length() : end));
    }
}
