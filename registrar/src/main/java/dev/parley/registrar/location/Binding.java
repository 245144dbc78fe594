package dev.parley.registrar.location;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the location service (RFC 3261 §10.3): an address-of-record bound to a contact
 * until {@code expiresAt}, with the Call-ID and CSeq of the REGISTER that set it.
 *
 * @param aor the canonical address-of-record, {@code sip:user@domain}
 * @param contactKey the contact URI in the form used for comparison ({@link ContactKey})
 * @param contactUri the contact URI as the client wrote it
 * @param q the q-value in thousandths (0..1000), when the client gave one
 * @param outbound the instance and reg-id when the contact registered with SIP Outbound (RFC
 *     5626); {@code contactKey} is then {@link Outbound#bindingKey()}
 */
public record Binding(
        String aor,
        String contactKey,
        String contactUri,
        Optional<Integer> q,
        Instant expiresAt,
        String callId,
        long cseq,
        Flow flow,
        Instant updatedAt,
        Optional<String> userAgent,
        Optional<Outbound> outbound) {

    /** A binding without SIP Outbound. */
    public Binding(
            String aor,
            String contactKey,
            String contactUri,
            Optional<Integer> q,
            Instant expiresAt,
            String callId,
            long cseq,
            Flow flow,
            Instant updatedAt,
            Optional<String> userAgent) {
        this(aor, contactKey, contactUri, q, expiresAt, callId, cseq, flow, updatedAt, userAgent, Optional.empty());
    }

    public Binding {
        if (q.isPresent() && (q.get() < 0 || q.get() > 1000)) {
            throw new IllegalArgumentException("q must be within 0..1000 thousandths, got " + q.get());
        }
        if (cseq < 0) {
            throw new IllegalArgumentException("CSeq must not be negative");
        }
    }

    /**
     * Whether requests reach this binding only over the very connection its REGISTER came on:
     * the flow is a connection, and the phone registered with SIP Outbound or its Contact names
     * another address or port than the one the connection came from (a NAT, or an ephemeral
     * port). Then nobody may open a new connection to that source port. A Contact naming exactly
     * the connection's source says the phone listens there, and a new connection to it is fine
     * (RFC 3261 §18.2.2).
     */
    public boolean connectionBound() {
        if (!flow.connectionOriented()) {
            return false;
        }
        if (outbound.isPresent()) {
            return true;
        }
        return !ContactKey.namesAddress(contactUri, flow.sourceHost(), flow.sourcePort());
    }

    /** Whole seconds left at {@code now}, rounded up, never negative. */
    public long remainingSeconds(Instant now) {
        long millis = Duration.between(now, expiresAt).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** Whether the binding still holds at {@code now}. */
    public boolean isLive(Instant now) {
        return expiresAt.isAfter(now);
    }
}
