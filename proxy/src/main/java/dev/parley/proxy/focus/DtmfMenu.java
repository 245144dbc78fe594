package dev.parley.proxy.focus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key menu for phones without a Parley agent (RFC 4733 key presses, DESIGN.md): {@code *6}
 * mutes or unmutes oneself; the host's {@code *5} locks or unlocks and {@code *0} closes the
 * meeting. A {@code *} arms the menu for {@link #WINDOW}; the next key picks. Not thread-safe:
 * its owner calls it from one thread.
 */
public final class DtmfMenu {
    /** How long after {@code *} the choice may come. */
    public static final Duration WINDOW = Duration.ofSeconds(3);

    /** What a member asked for. */
    public enum Choice {
        TOGGLE_SELF_MUTE,
        TOGGLE_LOCK,
        CLOSE
    }

    private final Map<MemberId, Instant> armed = new HashMap<>();

    /** One key from one member; a choice when it completes a menu sequence. */
    public Optional<Choice> key(MemberId member, char key, Instant now) {
        if (key == '*') {
            armed.put(member, now);
            return Optional.empty();
        }
        Instant star = armed.remove(member);
        if (star == null || now.isAfter(star.plus(WINDOW))) {
            return Optional.empty();
        }
        return switch (key) {
            case '6' -> Optional.of(Choice.TOGGLE_SELF_MUTE);
            case '5' -> Optional.of(Choice.TOGGLE_LOCK);
            case '0' -> Optional.of(Choice.CLOSE);
            default -> Optional.empty();
        };
    }

    /** Forgets a member who left. */
    public void forget(MemberId member) {
        armed.remove(member);
    }
}
