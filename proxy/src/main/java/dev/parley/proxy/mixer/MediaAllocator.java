package dev.parley.proxy.mixer;

import dev.parley.proxy.focus.MemberId;
import dev.parley.proxy.focus.RoomId;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.Negotiation;
import java.util.Map;

/**
 * The focus's view of the mixer: media resources for a member's negotiated streams. The
 * implementation talks to a {@code parley mixer} daemon; a room lives on one mixer.
 */
public interface MediaAllocator {
    /**
     * Resources for every accepted stream of a negotiation. All or nothing: on failure nothing
     * is left allocated.
     *
     * @param manyVideoStreams whether the member's phone shows every member's video from one
     *     m-line, told apart by SSRC (a Parley agent); otherwise (a softphone) its video stream is
     *     the active speaker's, as one continuous stream. Kept for the member's later updates.
     */
    Allocation allocate(RoomId room, MemberId member, Negotiation negotiation, boolean manyVideoStreams)
            throws MixerUnavailableException;

    /** Where the mixer receives a member's media: the answer's {@code c=} address and a port per stream index. */
    record Allocation(String address, Map<Integer, LocalStream> streams) {
        public Allocation {
            java.util.Objects.requireNonNull(address, "address");
            streams = Map.copyOf(streams);
        }
    }

    /**
     * Brings a member's resources in line with a new negotiation (a re-INVITE: hold, a new
     * address, a stream added or removed). Streams that stay keep their ports.
     */
    Allocation update(RoomId room, MemberId member, Negotiation negotiation) throws MixerUnavailableException;

    void setMuted(RoomId room, MemberId member, boolean muted) throws MixerUnavailableException;

    void release(RoomId room, MemberId member) throws MixerUnavailableException;

    void endRoom(RoomId room) throws MixerUnavailableException;
}
