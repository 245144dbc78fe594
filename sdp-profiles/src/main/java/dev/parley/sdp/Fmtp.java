package dev.parley.sdp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code a=fmtp:<payload type> <parameters>} attribute (RFC 8866 §6.15). The parameters
 * are kept as written; {@link #parameters()} reads the common {@code key=value;key=value}
 * form with lower-case keys. Bodies that are not in that form (RFC 4733's {@code 0-15}) are
 * only available {@linkplain #raw() raw}.
 */
public record Fmtp(String payloadType, String raw) {
    public Fmtp {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(raw, "raw");
    }

    /** Parses the value of an {@code a=fmtp} line; empty when it has no payload type. */
    public static Optional<Fmtp> parse(String value) {
        int space = value.indexOf(' ');
        String pt = space < 0 ? value : value.substring(0, space);
        if (pt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Fmtp(pt, space < 0 ? "" : value.substring(space + 1).trim()));
    }

    /** The {@code key=value} parameters in order, keys in lower case. */
    public Map<String, String> parameters() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : raw.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0) {
                params.put(
                        p.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        p.substring(eq + 1).trim());
            }
        }
        return params;
    }

    /** One parameter, by case-insensitive name. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters().get(name.toLowerCase(Locale.ROOT)));
    }

    /** The attribute value: payload type, a space, the parameters. */
    public String value() {
        return payloadType + " " + raw;
    }
}
