package dev.parley.proxy.sip;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Two rules of RFC 3261 that jain-sip's parser is lenient about, checked on the raw bytes of a
 * message it parsed: a request's version must be SIP/2.0 (§7.1; else 505, RFC 4475 §3.1.2.16),
 * and a header field that is not a list may appear only once (§7.3.1; else 400, RFC 4475 §3.3.8
 * and §3.3.9). Compact forms (§7.3.3) count as their long names.
 */
final class WireChecks {
    /** The single-value headers checked, long and compact names, with the long name for the answer. */
    private static final String[][] SINGLE = {
        {"to", "To"},
        {"t", "To"},
        {"from", "From"},
        {"f", "From"},
        {"call-id", "Call-ID"},
        {"i", "Call-ID"},
        {"cseq", "CSeq"},
        {"max-forwards", "Max-Forwards"},
        {"content-length", "Content-Length"},
        {"l", "Content-Length"},
    };

    private static final byte[] VERSION = " SIP/2.0".getBytes(StandardCharsets.US_ASCII);

    private WireChecks() {}

    /**
     * The rejection for {@code bytes}, or empty when both rules hold. Runs on every message, so it
     * scans the bytes in place: no copy of the message, no allocation on a well-formed one.
     */
    static Optional<Malformed> check(byte[] bytes) {
        int firstEnd = lineEnd(bytes, 0);
        if (!isResponse(bytes) && !endsWithVersion(bytes, firstEnd)) {
            return Optional.of(new Malformed(505, "Version Not Supported"));
        }
        int seen = 0;
        // The stream transports hand over lines ended by LF alone; datagrams keep CRLF.
        int at = next(bytes, firstEnd);
        while (at < bytes.length) {
            int end = lineEnd(bytes, at);
            if (end == at) {
                break; // the empty line: the body follows
            }
            byte first = bytes[at];
            if (first != ' ' && first != '\t') {
                int colon = indexOf(bytes, at, end, (byte) ':');
                int nameEnd = colon;
                while (nameEnd > at && (bytes[nameEnd - 1] == ' ' || bytes[nameEnd - 1] == '\t')) {
                    nameEnd--;
                }
                for (int k = 0; colon > at && k < SINGLE.length; k++) {
                    if (nameIs(bytes, at, nameEnd, SINGLE[k][0])) {
                        int bit = 1 << indexOfLongName(SINGLE[k][1]);
                        if ((seen & bit) != 0) {
                            return Optional.of(new Malformed(400, "Duplicate " + SINGLE[k][1] + " Header"));
                        }
                        seen |= bit;
                        break;
                    }
                }
            }
            at = next(bytes, end);
        }
        return Optional.empty();
    }

    private static boolean isResponse(byte[] b) {
        return b.length >= 4 && b[0] == 'S' && b[1] == 'I' && b[2] == 'P' && b[3] == '/';
    }

    /** Whether the start line, stripped of trailing blanks, ends in " SIP/2.0" (any case). */
    private static boolean endsWithVersion(byte[] b, int end) {
        while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        if (end < VERSION.length) {
            return false;
        }
        for (int i = 0; i < VERSION.length; i++) {
            if (Character.toUpperCase((char) (b[end - VERSION.length + i] & 0xff)) != VERSION[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index of the CR or LF ending the line that starts at {@code from} (or the length). */
    private static int lineEnd(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    /** The start of the line after the one ending at {@code end} (CRLF, LF or a lone CR). */
    private static int next(byte[] b, int end) {
        int i = end;
        if (i < b.length && b[i] == '\r') {
            i++;
        }
        if (i < b.length && b[i] == '\n') {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean nameIs(byte[] b, int from, int to, String lowerName) {
        if (to - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (Character.toLowerCase((char) (b[from + i] & 0xff)) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfLongName(String longName) {
        return switch (longName) {
            case "To" -> 0;
            case "From" -> 1;
            case "Call-ID" -> 2;
            case "CSeq" -> 3;
            case "Max-Forwards" -> 4;
            default -> 5;
        };
    }
}
