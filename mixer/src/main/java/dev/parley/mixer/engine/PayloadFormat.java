package dev.parley.mixer.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * One negotiated RTP payload format, as an {@code a=rtpmap} line gives it (RFC 8866 §6.6): the
 * payload type, the encoding name (compared without case) and the clock rate.
 */
public record PayloadFormat(int payloadType, String encoding, int clockRate) {
    /** The RFC 4733 telephone-event encoding name. */
    public static final String TELEPHONE_EVENT = "telephone-event";

    public PayloadFormat {
        Objects.requireNonNull(encoding, "encoding");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType must be 0-127, got " + payloadType);
        }
        if (encoding.isBlank()) {
            throw new IllegalArgumentException("encoding must not be empty");
        }
        if (clockRate < 1000 || clockRate > 192_000) {
            throw new IllegalArgumentException("clockRate must be 1000-192000, got " + clockRate);
        }
        encoding = encoding.toLowerCase(Locale.ROOT);
    }

    /** True when both name the same codec at the same rate, whatever their payload types. */
    public boolean sameCodec(PayloadFormat other) {
        return encoding.equals(other.encoding) && clockRate == other.clockRate;
    }

    public boolean isTelephoneEvent() {
        return encoding.equals(TELEPHONE_EVENT);
    }
}
