package dev.parley.ua.media.video;

import java.util.List;

/** Splits one coded frame into RTP payloads of at most a configured size, in sending order. */
public interface Packetizer {
    /**
     * The RTP payloads (without RTP header) for one frame; the last one carries the marker bit
     * (RFC 6184 §5.1, RFC 7741 §4.1). Empty when the frame holds nothing to send.
     */
    List<byte[]> packetize(byte[] frame);
}
