package dev.parley.mixer.engine;

/**
 * Why the mixer dropped a packet that parsed well (parse failures are counted under media-core's
 * {@code DropReason}). Counted per worker, exported in {@code /metrics}, never logged per packet.
 */
public enum MixerDrop {
    /** Neither RTP nor RTCP (for example STUN or DTLS, RFC 7983) on a media port. */
    NOT_RTP,
    /** Symmetric RTP: the source is not the endpoint's expected or latched peer. */
    UNEXPECTED_SOURCE,
    /** The SSRC is not one the endpoint announced (RFC 5576). */
    UNKNOWN_SSRC,
    /** The payload type was not negotiated for the endpoint. */
    UNKNOWN_PAYLOAD_TYPE,
    /** The endpoint's direction is recvonly or inactive, so it should not send. */
    ENDPOINT_NOT_SENDING,
    /** The endpoint is muted: its audio is received but not mixed. */
    MUTED,
    /** Audio whose length is not a whole number of 20 ms frames. */
    UNSUPPORTED_FRAME_SIZE,
    /** Audio in a codec the mixer cannot decode. */
    UNSUPPORTED_CODEC,
    /** Audio the codec refused to decode (or, for the mix, to encode). */
    UNDECODABLE,
    /** A forward target did not negotiate the codec of the packet. */
    NO_COMMON_FORMAT,
    /** A forward or mix target has no address yet (none given and nothing latched). */
    TARGET_ADDRESS_UNKNOWN,
    /** The socket refused the datagram (buffer full or error). */
    SEND_FAILED,
    /** RTCP feedback about an SSRC no endpoint in the conference sends. */
    FEEDBACK_SSRC_UNKNOWN,
}
