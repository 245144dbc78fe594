package dev.parley.media;

/**
 * Why a media packet was dropped, counted per reason and exported in {@code /metrics}
 * (STYLE habit 4). The hot-path validators return one of these instead of throwing, so a bad
 * packet costs no allocation; {@link #NONE} means the packet passed.
 */
public enum DropReason {
    /** Not dropped: the packet passed every check. */
    NONE,

    /** RTP: shorter than the 12-byte fixed header (RFC 3550 §5.1). */
    RTP_TOO_SHORT,
    /** RTP: version field is not 2 (RFC 3550 §5.1). */
    RTP_BAD_VERSION,
    /** RTP: the CSRC list runs past the end of the packet (RFC 3550 §5.1). */
    RTP_CSRC_TRUNCATED,
    /** RTP: the header extension runs past the end of the packet (RFC 3550 §5.3.1). */
    RTP_EXTENSION_TRUNCATED,
    /** RTP: an RFC 8285 extension element overruns the extension block. */
    RTP_EXTENSION_ELEMENT_MALFORMED,
    /** RTP: the padding count is zero or longer than the payload (RFC 3550 §5.1). */
    RTP_BAD_PADDING,

    /** RTCP: shorter than the 4-byte common header or not a multiple of 4 (RFC 3550 §6.4.1). */
    RTCP_TOO_SHORT,
    /** RTCP: version field is not 2 (RFC 3550 §A.2). */
    RTCP_BAD_VERSION,
    /** RTCP: a length field runs past the end of the compound packet (RFC 3550 §A.2). */
    RTCP_LENGTH_OVERRUN,
    /** RTCP: the compound packet does not start with SR or RR (RFC 3550 §6.1, §A.2). */
    RTCP_FIRST_NOT_REPORT,
    /** RTCP: the P bit is set on a packet other than the last (RFC 3550 §6.4.1). */
    RTCP_PADDING_NOT_LAST,
    /** RTCP: the padding count is zero or longer than the last packet (RFC 3550 §6.4.1). */
    RTCP_BAD_PADDING,
    /** RTCP: a packet is too short for what its count field announces. */
    RTCP_BODY_TRUNCATED,
    /** RTCP: an SDES chunk or item runs past its packet (RFC 3550 §6.5). */
    RTCP_SDES_MALFORMED,
    /** RTCP: a BYE reason runs past its packet (RFC 3550 §6.6). */
    RTCP_BYE_MALFORMED,
    /** RTCP: a feedback message is too short for its FCI (RFC 4585 §6.1, RFC 5104 §4.3). */
    RTCP_FEEDBACK_MALFORMED,

    /** RFC 4733: a telephone-event payload shorter than 4 bytes (§2.3). */
    DTMF_PAYLOAD_TOO_SHORT,

    /** SRTP/SRTCP: shorter than header plus authentication tag (RFC 3711 §3.1, §3.4). */
    SRTP_TOO_SHORT,
    /** SRTP/SRTCP: the authentication tag does not match (RFC 3711 §3.3, step 5). */
    SRTP_AUTH_FAILED,
    /** SRTP/SRTCP: the packet index was seen before or is behind the replay window (§3.3.2). */
    SRTP_REPLAYED,
    /** SRTP: more sources than the context keeps state for. */
    SRTP_TOO_MANY_SOURCES,

    /** Jitter buffer: the frame's playout time has passed. */
    JITTER_LATE,
    /** Jitter buffer: the frame is already buffered. */
    JITTER_DUPLICATE,
    /** Packet jitter buffer: the payload is larger than its slots (longer than any audio frame it takes). */
    JITTER_PAYLOAD_TOO_LARGE,
}
