package dev.parley.proxy.focus;

import java.util.Optional;

/** A meeting's 6-digit number: the user part of its conference URI ({@code sip:831620@DOMAIN}). */
public record RoomId(String digits) {
    public RoomId {
        if (!isRoomId(digits)) {
            throw new IllegalArgumentException("a room id is 6 digits, got " + digits);
        }
    }

    /** The room id a request-URI user part names, if it is one. */
    public static Optional<RoomId> parse(String userPart) {
        return isRoomId(userPart) ? Optional.of(new RoomId(userPart)) : Optional.empty();
    }

    private static boolean isRoomId(String s) {
        if (s.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return digits;
    }
}
