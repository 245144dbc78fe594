package dev.parley.ua.session;

import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.StreamNegotiation;

/**
 * One stream of one call: its local transport (opened before the offer is written), then the
 * negotiated parameters once the answer came. The session owns it and closes it when the call
 * ends; {@link #close} must release every socket and thread.
 */
public interface MediaStream extends AutoCloseable {
    MediaKind kind();

    /** The port and SSRC lines for the offer. */
    LocalStream local();

    /**
     * Starts sending and receiving as negotiated ({@code negotiated} is this side's view: its
     * direction is what this agent does, its remote host and port where to send).
     */
    void start(StreamNegotiation negotiated);

    /** Stops or resumes sending this stream's media (mute, stop video); receiving goes on. */
    default void setSending(boolean sending) {}

    /** Sends one DTMF key (RFC 4733) if this stream can; false otherwise. */
    default boolean sendDtmf(char key) {
        return false;
    }

    @Override
    void close();
}
