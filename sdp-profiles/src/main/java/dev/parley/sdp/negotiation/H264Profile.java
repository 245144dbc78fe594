package dev.parley.sdp.negotiation;

import java.util.Locale;
import java.util.Optional;

/**
 * An H.264 {@code profile-level-id} (RFC 6184 §8.1): profile_idc, profile-iop (the
 * constraint flags) and level_idc, three bytes in hex.
 */
record H264Profile(int profileIdc, int profileIop, int level) {
    /** Baseline level 1.0, what RFC 6184 §8.1 says an absent profile-level-id means. */
    static final String DEFAULT = "420010";

    static Optional<H264Profile> parse(String hex) {
        if (hex.length() != 6) {
            return Optional.empty();
        }
        try {
            int v = Integer.parseInt(hex, 16);
            return Optional.of(new H264Profile(v >> 16, (v >> 8) & 0xff, v & 0xff));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The profile this triple names, with the constraint flags that turn Baseline, Main and
     * Extended into Constrained Baseline (H.264 Annex A.2.1.1) folded in.
     */
    String profileName() {
        boolean cs0 = (profileIop & 0x80) != 0;
        boolean cs1 = (profileIop & 0x40) != 0;
        return switch (profileIdc) {
            case 0x42 -> cs1 ? "constrained-baseline" : "baseline";
            case 0x4d -> cs0 ? "constrained-baseline" : "main";
            case 0x58 -> cs0 && cs1 ? "constrained-baseline" : cs0 ? "baseline" : "extended";
            case 0x64 -> (profileIop & 0x0c) == 0x0c ? "constrained-high" : "high";
            default -> "idc-" + profileIdc;
        };
    }

    boolean sameProfile(H264Profile other) {
        return profileName().equals(other.profileName());
    }

    H264Profile withLevel(int newLevel) {
        return new H264Profile(profileIdc, profileIop, newLevel);
    }

    String hex() {
        return String.format(Locale.ROOT, "%02x%02x%02x", profileIdc, profileIop, level);
    }
}
