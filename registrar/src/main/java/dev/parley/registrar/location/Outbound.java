package dev.parley.registrar.location;

/**
 * A contact registered with SIP Outbound (RFC 5626 §6): the user agent's {@code +sip.instance}
 * (RFC 5626 §4.1, a URN in angle brackets as the client wrote it) and its {@code reg-id}. The
 * registrar keys such a binding by address-of-record, instance and reg-id instead of by contact
 * URI, so a re-registration over a new flow replaces the old one; several reg-ids of one
 * instance are alternative flows to the same device.
 */
public record Outbound(String instance, int regId) {
    public Outbound {
        if (instance.isEmpty()) {
            throw new IllegalArgumentException("an outbound contact needs a +sip.instance");
        }
        if (regId < 1) {
            throw new IllegalArgumentException("reg-id must be positive (1 to 2^31-1), got " + regId);
        }
    }

    /** The binding key that takes the contact URI's place (see {@link ContactKey}). */
    public String bindingKey() {
        return "instance:" + instance + ";reg-id=" + regId;
    }
}
