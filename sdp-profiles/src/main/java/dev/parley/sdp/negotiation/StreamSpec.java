package dev.parley.sdp.negotiation;

import dev.parley.sdp.Direction;
import java.util.List;
import java.util.Objects;

/**
 * What a profile takes for one kind of stream: the transport protocols (the {@code m=}
 * proto field), the codecs in preference order, the directions it can do, whether it can
 * mux RTCP (RFC 5761), its packet time (0: not stated) and the SDES crypto suites it can
 * key (RFC 4568; needed for {@code RTP/SAVP}).
 */
public record StreamSpec(
        MediaKind kind,
        List<String> protocols,
        List<CodecSpec> codecs,
        Direction direction,
        boolean rtcpMux,
        int ptime,
        List<String> cryptoSuites) {

    /** Packet times (ms) Parley's audio path can send when an offer asks for one (RFC 3264 §6.1). */
    public static final List<Integer> AUDIO_PTIMES = List.of(10, 20, 30, 40, 60);

    public StreamSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        protocols = List.copyOf(protocols);
        codecs = List.copyOf(codecs);
        cryptoSuites = List.copyOf(cryptoSuites);
        if (protocols.isEmpty() || codecs.isEmpty()) {
            throw new IllegalArgumentException(kind + " stream spec needs a protocol and a codec");
        }
    }

    /** True when this spec takes the protocol of an {@code m=} line (compared case-insensitively). */
    public boolean takesProtocol(String protocol) {
        for (String p : protocols) {
            if (p.equalsIgnoreCase(protocol)) {
                return true;
            }
        }
        return false;
    }
}
