package dev.parley.ua.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * SIP failure responses in plain words for the user (issue 6: "wrong password, meeting not
 * found, no common codec", never a stack trace). Pure: status, reason phrase and the Warning
 * text (RFC 3261 §20.43) in, one sentence out.
 */
public final class PlainWords {
    private PlainWords() {}

    /** Why a REGISTER failed; {@code challengedTwice}: the server refused the credentials we sent. */
    public static String registration(int status, String reason, boolean challengedTwice) {
        if ((status == 401 || status == 407) && challengedTwice) {
            return "wrong user name or password";
        }
        return switch (status) {
            case 403 ->
                reason.toLowerCase(Locale.ROOT).contains("too many")
                        ? "too many failed attempts: wait a minute and try again"
                        : "the server refused this account (" + reason + ")";
            case 404 -> "the server does not know this user or domain";
            case 408 -> "no answer from the server";
            case 423 -> "the server wants a longer registration (" + reason + ")";
            case 503 -> "the server is unavailable (" + reason + ")";
            default -> status + " " + reason;
        };
    }

    /** Why creating or joining a meeting failed. */
    public static String meeting(int status, String reason, Optional<String> warning, boolean challengedTwice) {
        if ((status == 401 || status == 407) && challengedTwice) {
            return "wrong user name or password";
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        return switch (status) {
            case 403 ->
                lower.contains("lock")
                        ? "the meeting is locked"
                        : lower.contains("too many")
                                ? "too many failed attempts: wait a minute and try again"
                                : "not allowed (" + reason + ")";
            case 404 -> "meeting not found";
            case 408 -> "no answer from the server";
            case 480, 486 -> "the meeting cannot take you now (" + reason + ")";
            case 482 -> "you are already in this meeting";
            case 488 -> "no common codec" + warning.map(w -> ": " + w).orElse("");
            case 400 ->
                "the server could not read the offer"
                        + warning.map(w -> ": " + w).orElse("");
            case 503 -> "the server's media mixer is unavailable: try again in a moment";
            default -> status + " " + reason + warning.map(w -> " (" + w + ")").orElse("");
        };
    }

    /**
     * The text of a Warning header value {@code 305 host "text"}; the whole value when it is not
     * in that form.
     */
    public static String warningText(String headerValue) {
        int open = headerValue.indexOf('"');
        int close = headerValue.lastIndexOf('"');
        return open >= 0 && close > open ? headerValue.substring(open + 1, close) : headerValue.trim();
    }
}
