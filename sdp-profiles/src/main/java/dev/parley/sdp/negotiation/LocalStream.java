package dev.parley.sdp.negotiation;

import dev.parley.sdp.SsrcAttribute;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The local side of one accepted stream, known once media resources are allocated: the
 * port, the SSRC lines to announce, and for SDES-SRTP the base64 master key and salt.
 */
public record LocalStream(int port, List<SsrcAttribute> ssrcs, Optional<String> srtpInlineKey) {
    public LocalStream {
        Objects.requireNonNull(srtpInlineKey, "srtpInlineKey");
        ssrcs = List.copyOf(ssrcs);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("an accepted stream needs a port 1-65535, got " + port);
        }
    }

    public static LocalStream port(int port) {
        return new LocalStream(port, List.of(), Optional.empty());
    }
}
