package dev.parley.proxy.focus;

/** What happens to a room when its host leaves (config key {@code focus.host-leave}). */
public enum HostLeavePolicy {
    /** The longest-present member becomes host; the room goes on. */
    HAND_OVER,
    /** The room closes: everyone gets a BYE. */
    CLOSE
}
