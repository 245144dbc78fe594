package dev.parley.sdp;

import java.util.Optional;

/** The field grammar of single SDP lines (RFC 8866 §9), shared by the parser's sections. */
final class Lines {
    private Lines() {}

    /** Makes the parser's exception for the current line. */
    @FunctionalInterface
    interface Failure {
        SdpParseException at(String reason);
    }

    /** The space-separated fields of a line; runs of spaces count as one. */
    static String[] fields(String value) {
        java.util.List<String> out = new java.util.ArrayList<>(8);
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && value.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(value.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    static String excerpt(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    static int number(String s, int max, String what, Failure fail) throws SdpParseException {
        if (s.isEmpty() || s.length() > 10 || !isDigits(s)) {
            throw fail.at(what + " is not a number: \"" + excerpt(s) + "\"");
        }
        long n = Long.parseLong(s);
        if (n > max) {
            throw fail.at(what + " " + n + " is larger than " + max);
        }
        return (int) n;
    }

    static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    static Origin origin(String value, Failure fail) throws SdpParseException {
        String[] f = fields(value);
        if (f.length != 6) {
            throw fail.at(
                    "o= needs 6 fields (username sess-id sess-version nettype addrtype address), got " + f.length);
        }
        if (!isDigits(f[1]) || !isDigits(f[2])) {
            throw fail.at("o= session id and version must be digits");
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    static Connection connection(String value, Failure fail) throws SdpParseException {
        String[] f = fields(value);
        if (f.length != 3) {
            throw fail.at("c= needs 3 fields (nettype addrtype address), got " + f.length);
        }
        return new Connection(f[0], f[1], f[2]);
    }

    static Bandwidth bandwidth(String value, Failure fail) throws SdpParseException {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw fail.at("b= needs <bwtype>:<bandwidth>");
        }
        String n = value.substring(colon + 1);
        if (!isDigits(n) || n.length() > 18) {
            throw fail.at("b= bandwidth is not a number: \"" + excerpt(n) + "\"");
        }
        return new Bandwidth(value.substring(0, colon), Long.parseLong(n));
    }

    static Timing timing(String value, Failure fail) throws SdpParseException {
        String[] f = fields(value);
        if (f.length != 2 || !isDigits(f[0]) || !isDigits(f[1])) {
            throw fail.at("t= needs <start-time> <stop-time> in decimal");
        }
        return new Timing(f[0], f[1], java.util.List.of());
    }

    /** An {@code a=} value: name, optional value, and the checks for the attributes Parley reads. */
    static Attribute attribute(String value, Failure fail) throws SdpParseException {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (name.isEmpty() || name.indexOf(' ') >= 0) {
            throw fail.at("a= attribute name is empty or has a space: \"" + excerpt(value) + "\"");
        }
        if (colon < 0) {
            return Attribute.flag(name);
        }
        String v = value.substring(colon + 1);
        check(name, v, fail);
        return new Attribute(name, Optional.of(v));
    }

    private static void check(String name, String v, Failure fail) throws SdpParseException {
        boolean ok = switch (name) {
            case "rtpmap" -> RtpMap.parse(v).isPresent();
            case "fmtp" -> Fmtp.parse(v).isPresent() && v.indexOf(' ') > 0;
            case "ptime", "maxptime" -> isDecimal(v);
            case "crypto" -> Crypto.parse(v).isPresent();
            case "ssrc" -> SsrcAttribute.parse(v).isPresent();
            case "setup" -> v.equals("active") || v.equals("passive") || v.equals("actpass") || v.equals("holdconn");
            case "rtcp" -> isDigits(fields(v)[0]) && Long.parseLong(fields(v)[0]) <= 65535;
            default -> true;
        };
        if (!ok) {
            throw fail.at("malformed a=" + name + ":" + excerpt(v));
        }
    }

    private static boolean isDecimal(String v) {
        int dot = v.indexOf('.');
        return dot < 0
                ? isDigits(v) && v.length() < 7
                : isDigits(v.substring(0, dot)) && isDigits(v.substring(dot + 1));
    }
}
