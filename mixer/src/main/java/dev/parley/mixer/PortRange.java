package dev.parley.mixer;

/**
 * The UDP ports the mixer may bind for media, both ends included. An RTP port is even and its
 * RTCP port the odd one above it (RFC 3550 §11), so the range must hold at least one such pair.
 */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 1 || last > 65535) {
            throw new IllegalArgumentException("rtp-ports must lie in 1-65535, got " + first + "-" + last);
        }
        if (last < first) {
            throw new IllegalArgumentException("rtp-ports: " + last + " is below " + first);
        }
        int firstEven = first + (first & 1);
        if (firstEven + 1 > last) {
            throw new IllegalArgumentException(
                    "rtp-ports " + first + "-" + last + " holds no even/odd pair for RTP and RTCP");
        }
    }

    /** Parses {@code FIRST-LAST}, for example {@code 40000-49999}. */
    public static PortRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("rtp-ports must be FIRST-LAST, got '" + text + "'");
        }
        try {
            return new PortRange(
                    Integer.parseInt(text.substring(0, dash).trim()),
                    Integer.parseInt(text.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rtp-ports must be FIRST-LAST, got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
