package dev.parley.proxy.sip;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two rules of RFC 3261 that jain-sip's parser is lenient about, checked on the raw bytes of a
 * message it parsed: a request's version must be SIP/2.0 (§7.1; else 505, RFC 4475 §3.1.2.16),
 * and a header field that is not a list may appear only once (§7.3.1; else 400, RFC 4475 §3.3.8
 * and §3.3.9). Compact forms (§7.3.3) count as their long names.
 */
final class WireChecks {
    private static final Map<String, String> SINGLE = Map.of(
            "to",
            "To",
            "t",
            "To",
            "from",
            "From",
            "f",
            "From",
            "call-id",
            "Call-ID",
            "i",
            "Call-ID",
            "cseq",
            "CSeq",
            "max-forwards",
            "Max-Forwards",
            "content-length",
            "Content-Length",
            "l",
            "Content-Length");

    private WireChecks() {}

    /** The rejection for {@code bytes}, or empty when both rules hold. */
    static Optional<Malformed> check(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // The stream transports hand over lines ended by LF alone; datagrams keep CRLF.
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0) {
            return Optional.empty();
        }
        String start = lines[0].strip();
        if (!start.startsWith("SIP/") && !start.toUpperCase(Locale.ROOT).endsWith(" SIP/2.0")) {
            return Optional.of(new Malformed(505, "Version Not Supported"));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon <= 0) {
                continue;
            }
            String name = SINGLE.get(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            if (name != null && seen.merge(name, 1, Integer::sum) > 1) {
                return Optional.of(new Malformed(400, "Duplicate " + name + " Header"));
            }
        }
        return Optional.empty();
    }
}
