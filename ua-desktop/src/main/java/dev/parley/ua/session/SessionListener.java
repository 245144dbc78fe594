package dev.parley.ua.session;

/**
 * Receives a {@link Session}'s events, one at a time and in order, on the session's event
 * thread (never the caller's, never the SIP stack's). A listener must not block for long: a
 * Swing window hands each event to {@code SwingUtilities.invokeLater}.
 */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
