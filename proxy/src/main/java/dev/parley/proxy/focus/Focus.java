package dev.parley.proxy.focus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The conference focus's rooms (RFC 4353): creates rooms with unused random 6-digit ids and
 * routes every event to its room. Thread-safe: every method holds this object's lock, so
 * joins racing for one room are applied one after the other.
 */
public final class Focus {
    /** Ids to try before telling the caller the id space is full. */
    private static final int ID_ATTEMPTS = 1000;

    private final HostLeavePolicy hostLeave;
    private final IntSupplier random;
    /** Guarded by {@code this}. */
    private final Map<RoomId, Room> rooms = new HashMap<>();

    /**
     * @param random source of room numbers; any int, reduced to 0–999999 (a
     *     {@code SecureRandom::nextInt} in the server, a fixed sequence in tests)
     */
    public Focus(HostLeavePolicy hostLeave, IntSupplier random) {
        this.hostLeave = hostLeave;
        this.random = random;
    }

    /** A new room with the caller as host (RFC 4579 §5.1); empty when no id is free. */
    public synchronized Optional<RoomId> create(Member host, Instant now) {
        for (int i = 0; i < ID_ATTEMPTS; i++) {
            RoomId id = new RoomId(String.format("%06d", Math.floorMod(random.getAsInt(), 1_000_000)));
            if (!rooms.containsKey(id)) {
                Room room = new Room(id, hostLeave);
                room.join(host, now);
                rooms.put(id, room);
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    public synchronized Outcome join(RoomId id, Member member, Instant now) {
        Room room = rooms.get(id);
        return room == null ? Outcome.refused(404, "No such meeting") : room.join(member, now);
    }

    public synchronized Outcome leave(RoomId id, MemberId member) {
        return apply(id, room -> room.leave(member));
    }

    public synchronized Outcome control(RoomId id, MemberId by, Control command) {
        return apply(id, room -> room.control(by, command));
    }

    public synchronized Outcome toggleSelfMute(RoomId id, MemberId member) {
        return apply(id, room -> room.toggleSelfMute(member));
    }

    public synchronized Outcome updateMedia(RoomId id, MemberId member, List<MemberMedia> media) {
        return apply(id, room -> room.updateMedia(member, media));
    }

    public synchronized Optional<RoomState> room(RoomId id) {
        return Optional.ofNullable(rooms.get(id)).map(Room::state);
    }

    /** Every live room, ordered by id, for {@code parley conf list} and {@code GET /conferences}. */
    public synchronized List<RoomState> rooms() {
        List<RoomState> out = new ArrayList<>(rooms.size());
        rooms.values().forEach(r -> out.add(r.state()));
        out.sort((a, b) -> a.id().digits().compareTo(b.id().digits()));
        return out;
    }

    private Outcome apply(RoomId id, java.util.function.Function<Room, Outcome> event) {
        Room room = rooms.get(id);
        if (room == null) {
            return Outcome.refused(404, "No such meeting");
        }
        Outcome outcome = event.apply(room);
        if (room.ended()) {
            rooms.remove(id);
        }
        return outcome;
    }
}
