package dev.parley.proxy.mixer;

import dev.parley.proxy.focus.MemberId;
import dev.parley.proxy.focus.RoomId;
import dev.parley.sdp.negotiation.Negotiation;

/**
 * What the focus has when its mixer could not be started: every meeting is refused with 503
 * and the reason, while the rest of the server (registration, calls) keeps working.
 */
public final class UnavailableMixer implements MediaAllocator {
    private final String reason;

    public UnavailableMixer(String reason) {
        this.reason = reason;
    }

    @Override
    public Allocation allocate(RoomId room, MemberId member, Negotiation negotiation, boolean manyVideoStreams)
            throws MixerUnavailableException {
        throw new MixerUnavailableException(reason);
    }

    @Override
    public Allocation update(RoomId room, MemberId member, Negotiation negotiation) throws MixerUnavailableException {
        throw new MixerUnavailableException(reason);
    }

    @Override
    public void setMuted(RoomId room, MemberId member, boolean muted) {
        // nothing was allocated
    }

    @Override
    public void release(RoomId room, MemberId member) {
        // nothing was allocated
    }

    @Override
    public void endRoom(RoomId room) {
        // nothing was allocated
    }
}
