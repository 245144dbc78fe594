package dev.parley.proxy.routing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The flow token of RFC 5626 §5.2: the user part this proxy puts in its Record-Route so that
 * in-dialog requests go back over the connections the dialog was set up on. It names up to two
 * flows (the caller's and the callee's connection); a request that arrives on one of them goes
 * out on the other. It is signed (HMAC-SHA256, 80 bits kept) with a key of this process only, so
 * nobody can make the proxy send over a flow the token did not come with; connections do not
 * outlive the process, and neither need the tokens.
 *
 * <p>Form: {@code base64url(flows) "." base64url(mac)}, where flows is {@code TRANSPORT/HOST/PORT}
 * joined by spaces: only characters a SIP URI user part takes unescaped (RFC 3261 §25.1).
 */
public final class FlowToken {
    private static final int MAC_BYTES = 10;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public FlowToken(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a flow token key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The token for {@code flows} (one or two). */
    public String encode(List<NextHop> flows) {
        if (flows.isEmpty() || flows.size() > 2) {
            throw new IllegalArgumentException("a flow token names one or two flows, got " + flows.size());
        }
        List<String> parts = new ArrayList<>();
        for (NextHop f : flows) {
            parts.add(f.transport() + "/" + f.host() + "/" + f.port());
        }
        byte[] payload = String.join(" ", parts).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The flows of a token this process made; empty for anything else (another key, tampered, garbage). */
    public Optional<List<NextHop>> decode(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || token.length() > 512) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] mac = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, mac(payload))) {
                return Optional.empty();
            }
            List<NextHop> flows = new ArrayList<>();
            for (String part : new String(payload, StandardCharsets.UTF_8).split(" ")) {
                String[] f = part.split("/", 3);
                flows.add(new NextHop(f[1], Integer.parseInt(f[2]), f[0]));
            }
            return Optional.of(List.copyOf(flows));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * Where a request that arrived on {@code arrivedOn} goes: the token's other flow, or its only
     * flow when the request came some other way (RFC 5626 §5.3); empty when the request came on
     * the token's only flow (it goes the other way, by its Request-URI).
     */
    public static Optional<NextHop> onward(List<NextHop> flows, NextHop arrivedOn) {
        return flows.stream().filter(f -> !f.equals(arrivedOn)).findFirst();
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return Arrays.copyOf(hmac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
