package dev.parley.ua.session;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meeting addresses (DESIGN.md, RFC 4579): the factory URI {@code sip:conference@DOMAIN}, a
 * meeting {@code sip:831620@DOMAIN}, and the ID the focus puts in the 200 OK's Contact
 * {@code <sip:831620@DOMAIN>;isfocus}.
 */
public final class MeetingAddress {
    private MeetingAddress() {}

    private static final Pattern ID = Pattern.compile("\\d{6}");
    private static final Pattern URI = Pattern.compile("sips?:(\\d{6})@([A-Za-z0-9.\\-\\[\\]:]+)");
    private static final Pattern FOCUS_CONTACT = Pattern.compile(
            "<?sips?:(\\d{6})@[^>;]+>?\\s*;(?:[^;]*;)*\\s*isfocus(?:\\s*[;=].*)?", Pattern.CASE_INSENSITIVE);

    public static String factoryUri(String domain) {
        return "sip:conference@" + domain;
    }

    /**
     * The URI to INVITE for what a user typed: a 6-digit ID (in {@code domain}) or a meeting URI.
     * Empty for anything else.
     */
    public static Optional<String> uriOf(String typed, String domain) {
        String t = typed.trim();
        if (ID.matcher(t).matches()) {
            return Optional.of("sip:" + t + "@" + domain);
        }
        Matcher m = URI.matcher(t);
        return m.matches() ? Optional.of(t) : Optional.empty();
    }

    /** The 6-digit ID in a meeting URI, or empty. */
    public static Optional<String> idOf(String uri) {
        Matcher m = URI.matcher(uri.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The meeting ID in a Contact header value with the {@code isfocus} feature tag (RFC 4579
     * §3), e.g. {@code <sip:831620@example.com>;isfocus}; empty when it is not a focus's.
     */
    public static Optional<String> idFromFocusContact(String contact) {
        Matcher m = FOCUS_CONTACT.matcher(contact.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
