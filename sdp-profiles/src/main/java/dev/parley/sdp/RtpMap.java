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
        String[] parts = value.substring(space + 1).trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            int rate = Integer.parseInt(parts[1]);
            int channels = parts.length == 3 ? Integer.parseInt(parts[2]) : 1;
            if (rate < 0 || channels <= 0) {
                return Optional.empty();
            }
            return Optional.of(new RtpMap(value.substring(0, space), parts[0], rate, channels));
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

    /** The RFC 3551 §6 tables 4 and 5 assignment of a static payload type. */
    public static Optional<RtpMap> staticPayloadType(String payloadType) {
        String spec = switch (payloadType) {
            case "0" -> "PCMU/8000";
            case "3" -> "GSM/8000";
            case "4" -> "G723/8000";
            case "5" -> "DVI4/8000";
            case "6" -> "DVI4/16000";
            case "7" -> "LPC/8000";
            case "8" -> "PCMA/8000";
            case "9" -> "G722/8000";
            case "10" -> "L16/44100/2";
            case "11" -> "L16/44100";
            case "12" -> "QCELP/8000";
            case "13" -> "CN/8000";
            case "14" -> "MPA/90000";
            case "15" -> "G728/8000";
            case "16" -> "DVI4/11025";
            case "17" -> "DVI4/22050";
            case "18" -> "G729/8000";
            case "25" -> "CelB/90000";
            case "26" -> "JPEG/90000";
            case "28" -> "nv/90000";
            case "31" -> "H261/90000";
            case "32" -> "MPV/90000";
            case "33" -> "MP2T/90000";
            case "34" -> "H263/90000";
            default -> "";
        };
        return spec.isEmpty() ? Optional.empty() : parse(payloadType + " " + spec);
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
