/**
 * The {@code parley ua} window (Swing with FlatLaf) over the agent's one {@link
 * dev.parley.ua.session.Session} API: account and registration, create or join a meeting, the
 * live member list, a video grid with one tile per received stream named after its member,
 * local preview, mute, stop video, share screen, leave, and the host's close, kick, mute and
 * lock. Session events arrive on the session's thread and are handed to the event dispatch
 * thread; nothing here blocks it.
 */
package dev.parley.ua.ui;
