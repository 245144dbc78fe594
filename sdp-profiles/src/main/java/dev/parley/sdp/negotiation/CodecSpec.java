package dev.parley.sdp.negotiation;

import dev.parley.sdp.RtpMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One codec a profile takes: its rtpmap identity, the fmtp Parley states for it, the RTCP
 * feedback it supports (RFC 4585 §4.2 values such as {@code nack pli}), and the payload type
 * Parley uses when it is the offerer.
 */
public record CodecSpec(
        String encoding,
        int clockRate,
        int channels,
        Map<String, String> fmtp,
        String fmtpRaw,
        List<String> rtcpFeedback,
        int payloadType) {

    public CodecSpec {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(fmtpRaw, "fmtpRaw");
        fmtp = Map.copyOf(fmtp);
        rtcpFeedback = List.copyOf(rtcpFeedback);
        if (clockRate <= 0 || channels <= 0 || payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("bad codec spec " + encoding);
        }
    }

    /** A codec whose fmtp is {@code key=value;…} pairs, written in the order given. */
    public static CodecSpec of(
            String encoding, int clockRate, int channels, int payloadType, List<String> rtcpFeedback, String... kv) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
            raw.append(raw.length() == 0 ? "" : ";").append(kv[i]).append('=').append(kv[i + 1]);
        }
        return new CodecSpec(encoding, clockRate, channels, params, raw.toString(), rtcpFeedback, payloadType);
    }

    /** {@code telephone-event} (RFC 4733 §7) at a clock rate, with the events it takes, e.g. {@code 0-15}. */
    public static CodecSpec telephoneEvent(int clockRate, int payloadType, String events) {
        return new CodecSpec("telephone-event", clockRate, 1, Map.of(), events, List.of(), payloadType);
    }

    /** Same encoding name (case-insensitive), clock rate and channels as an offered rtpmap. */
    public boolean matches(RtpMap offered) {
        return encoding.equalsIgnoreCase(offered.encoding())
                && clockRate == offered.clockRate()
                && channels == offered.channels();
    }

    /** The rtpmap Parley writes for this codec under a payload type. */
    public RtpMap rtpMap(String pt) {
        return new RtpMap(pt, encoding, clockRate, channels);
    }

    public boolean isTelephoneEvent() {
        return encoding.equalsIgnoreCase("telephone-event");
    }
}
