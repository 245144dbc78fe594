package dev.parley.registrar.digest;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Replay protection for {@code nc} (RFC 7616 §3.4, §5.5): each accepted use of a nonce must
 * carry a higher nonce count than the last accepted one. The last accepted count again with the
 * very same digest response in the very same request (the caller names it, e.g. by Call-ID and
 * CSeq) is that request retransmitted (REGISTER is answered without transaction state, so its
 * retransmissions reach the authenticator) and passes; the registrar applies nothing twice. Only
 * nonces that already verified are remembered, until they expire, and at most {@code capacity}
 * of them: the oldest go first, in the order they were first accepted (a nonce is accepted
 * within seconds of being minted, so that is the order they expire in). Both take constant time
 * per nonce: the full map used to be scanned and sorted whenever it was full, every 10,000 new
 * nonces, holding the lock all SIP threads wait on (at 7,000 REGISTERs/s, every 1.4 s).
 *
 * <p>Guarded by its own monitor: called from the SIP stack's threads.
 */
public final class NonceCountTracker {
    private record Seen(long count, String request, Instant expiry) {}

    private final int capacity;
    /** In the order first accepted. */
    private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();

    public NonceCountTracker(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code count} for {@code nonce} when it is higher than any accepted before and
     * says whether it was; a lower count, or the last one in another request, returns false and
     * changes nothing; the last one with the same {@code request} (the digest response and what
     * names the request: a retransmission) is true.
     */
    public synchronized boolean accept(String nonce, long count, String request, Instant nonceExpiry, Instant now) {
        Seen previous = seen.get(nonce);
        if (previous != null && count == previous.count()) {
            return previous.request().equals(request);
        }
        if (previous != null && count < previous.count()) {
            return false;
        }
        if (previous == null) {
            dropExpired(now);
            if (seen.size() >= capacity) {
                Iterator<Seen> eldest = seen.values().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        // An existing nonce keeps its place: put does not move a key of a LinkedHashMap.
        seen.put(nonce, new Seen(count, request, nonceExpiry));
        return true;
    }

    /** How many nonces are remembered. */
    public synchronized int size() {
        return seen.size();
    }

    /** Drops the expired nonces at the head: the eldest, until one that is still fresh. */
    private void dropExpired(Instant now) {
        Iterator<Seen> eldest = seen.values().iterator();
        while (eldest.hasNext() && eldest.next().expiry().isBefore(now)) {
            eldest.remove();
        }
    }
}
