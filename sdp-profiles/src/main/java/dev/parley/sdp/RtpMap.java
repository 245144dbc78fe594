package dev.parley.sdp;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]} attribute
 * (RFC 8866 §6.6), or the RFC 3551 §6 static assignment a payload type has without one.
 * {@code channels} is 1 when not written. A clock rate of 0 is kept as written (Cisco writes
 * {@code H224/0}); it matches no codec.
 */
public record RtpMap(String payloadType, String encoding, int clockRate, int channels) {
    public RtpMap {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(encoding, "encoding");
        if (clockRate < 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate must not be negative, channels positive");
        }
    }

    /** Parses the value of an {@code a=rtpmap} line; empty when it is malformed. */
    public static Optional<RtpMap> parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0 || !isPayloadType(value.substring(0, space))) {
            return Optional.empty();
        }
        String spec = value.substring(space + 1).trim();
        int slash = spec.indexOf('/');
        int slash2 = slash < 0 ? -1 : spec.indexOf('/', slash + 1);
        if (slash <= 0 || (slash2 >= 0 && spec.indexOf('/', slash2 + 1) >= 0)) {
            return Optional.empty();
        }
        try {
            int rate = Integer.parseInt(slash2 < 0 ? spec.substring(slash + 1) : spec.substring(slash + 1, slash2));
            int channels = slash2 < 0 ? 1 : Integer.parseInt(spec.substring(slash2 + 1));
            if (rate < 0 || channels <= 0) {
                return Optional.empty();
            }
            return Optional.of(new RtpMap(value.substring(0, space), spec.substring(0, slash), rate, channels));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True for a decimal payload type 0–127 (RFC 3550 §5.1). */
    public static boolean isPayloadType(String format) {
        if (format.isEmpty() || format.length() > 3) {
            return false;
        }
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Integer.parseInt(format) <= 127;
    }

    /** RFC 3551 §6 tables 4 and 5, by payload type 0–34; null where none is assigned. */
    private static final String[] STATIC = {
        "PCMU/8000",
        null,
        null,
        "GSM/8000",
        "G723/8000",
        "DVI4/8000",
        "DVI4/16000",
        "LPC/8000",
        "PCMA/8000",
        "G722/8000",
        "L16/44100/2",
        "L16/44100",
        "QCELP/8000",
        "CN/8000",
        "MPA/90000",
        "G728/8000",
        "DVI4/11025",
        "DVI4/22050",
        "G729/8000",
        null,
        null,
        null,
        null,
        null,
        null,
        "CelB/90000",
        "JPEG/90000",
        null,
        "nv/90000",
        null,
        null,
        "H261/90000",
        "MPV/90000",
        "MP2T/90000",
        "H263/90000"
    };

    @SuppressWarnings("unchecked")
    private static final Optional<RtpMap>[] STATIC_MAPS = new Optional[STATIC.length];

    static {
        for (int pt = 0; pt < STATIC.length; pt++) {
            String spec = STATIC[pt];
            STATIC_MAPS[pt] = spec == null ? Optional.empty() : parse(pt + " " + spec);
        }
    }

    /** The RFC 3551 §6 tables 4 and 5 assignment of a static payload type. */
    public static Optional<RtpMap> staticPayloadType(String payloadType) {
        if (payloadType.length() > 2 || !isPayloadType(payloadType)) {
            return Optional.empty();
        }
        int pt = Integer.parseInt(payloadType);
        return pt < STATIC_MAPS.length ? STATIC_MAPS[pt] : Optional.empty();
    }

    /** Same codec: encoding name (case-insensitive), clock rate and channels (RFC 3264 §6.1). */
    public boolean sameCodec(RtpMap other) {
        return encoding.equalsIgnoreCase(other.encoding) && clockRate == other.clockRate && channels == other.channels;
    }

    /** The encoding name in lower case, for comparisons. */
    public String encodingKey() {
        return encoding.toLowerCase(Locale.ROOT);
    }

    /** The attribute value: {@code 96 opus/48000/2}; channels written only when not 1. */
    public String value() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }
}
