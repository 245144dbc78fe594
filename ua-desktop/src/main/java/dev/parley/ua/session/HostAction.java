package dev.parley.ua.session;

import java.util.Objects;

/**
 * A host's command to the focus, sent as an in-dialog INFO of the {@code conference-control}
 * Info Package (RFC 6086, DESIGN.md) with a JSON body such as {@code {"action":"close"}}. The
 * focus answers 403 to anyone but the host and nothing changes.
 */
public sealed interface HostAction {
    /** The Info Package name, for {@code Info-Package}. */
    String PACKAGE = "conference-control";

    /** The JSON body. */
    String json();

    /** A word for messages: {@code close}, {@code kick}, … */
    String verb();

    /** End the meeting: the focus BYEs everyone. */
    record Close() implements HostAction {
        @Override
        public String json() {
            return "{\"action\":\"close\"}";
        }

        @Override
        public String verb() {
            return "close";
        }
    }

    /** Remove one member, named by its URI (the roster's entity). */
    record Kick(String member) implements HostAction {
        public Kick {
            Objects.requireNonNull(member, "member");
        }

        @Override
        public String json() {
            return "{\"action\":\"kick\",\"member\":" + quote(member) + "}";
        }

        @Override
        public String verb() {
            return "kick";
        }
    }

    /** Stop (or resume) mixing one member's audio. */
    record Mute(String member, boolean muted) implements HostAction {
        public Mute {
            Objects.requireNonNull(member, "member");
        }

        @Override
        public String json() {
            return "{\"action\":\"" + verb() + "\",\"member\":" + quote(member) + "}";
        }

        @Override
        public String verb() {
            return muted ? "mute" : "unmute";
        }
    }

    /** Refuse (or again admit) new joins. */
    record Lock(boolean locked) implements HostAction {
        @Override
        public String json() {
            return "{\"action\":\"" + verb() + "\"}";
        }

        @Override
        public String verb() {
            return locked ? "lock" : "unlock";
        }
    }

    /** A JSON string literal (RFC 8259 §7). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
