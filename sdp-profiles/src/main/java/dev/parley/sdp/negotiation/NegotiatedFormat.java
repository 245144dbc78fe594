package dev.parley.sdp.negotiation;

import dev.parley.sdp.Fmtp;
import dev.parley.sdp.RtpMap;
import java.util.Objects;
import java.util.Optional;

/**
 * A format both sides use: the offerer's payload type and rtpmap (the answer reuses them,
 * RFC 3264 §6.1), the offerer's fmtp (its receive preferences), the fmtp the answer states,
 * and the profile codec it matched.
 */
public record NegotiatedFormat(RtpMap rtpMap, Optional<Fmtp> remoteFmtp, String localFmtp, CodecSpec codec) {
    public NegotiatedFormat {
        Objects.requireNonNull(rtpMap, "rtpMap");
        Objects.requireNonNull(remoteFmtp, "remoteFmtp");
        Objects.requireNonNull(localFmtp, "localFmtp");
        Objects.requireNonNull(codec, "codec");
    }

    public String payloadType() {
        return rtpMap.payloadType();
    }
}
