package dev.parley.proxy.sip;

import dev.parley.registrar.location.Flow;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/** Who a request is from, read the way the focus needs it: AOR, display name, contact, dialog key. */
final class SipParties {
    private SipParties() {}

    /** {@code sip:user@host} of the From header, without parameters (RFC 3261 §10.3 step 5's canonical form). */
    static String aor(Request request) {
        URI uri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        if (uri instanceof SipURI sip) {
            return (sip.isSecure() ? "sips:" : "sip:")
                    + (sip.getUser() == null ? "" : sip.getUser() + "@")
                    + sip.getHost();
        }
        return uri.toString();
    }

    /** The host of the From URI (the user's domain). */
    static String fromHost(Request request) {
        URI uri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        return uri instanceof SipURI sip ? sip.getHost() : "";
    }

    /** The user part of the From URI, or empty. */
    static String fromUser(Request request) {
        URI uri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        return uri instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "";
    }

    /** The From display name, else the user part of the AOR. */
    static String displayName(Request request) {
        Address from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress();
        String name = from.getDisplayName();
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (from.getURI() instanceof SipURI sip && sip.getUser() != null) {
            return sip.getUser();
        }
        return from.getURI().toString();
    }

    /**
     * The focus's Contact for a room, RFC 4579 §5: {@code <sip:ID@HOST:PORT;transport=T>;isfocus}
     * with the address and transport the request arrived on, so that the ACK, BYE and INFO of the
     * dialog reach this server whatever the domain resolves to (a softphone would otherwise send
     * them to the domain's DNS address, for {@code localhost} its own loopback). The user part
     * is still the room's ID; the conference URI {@code sip:ID@DOMAIN} is the entity of the
     * member list. A server bound to a wildcard address names the domain instead.
     */
    static String focusContact(Request request, String roomId, String domain) {
        Flow arrived = RegisterMapper.flow(request);
        String local = arrived.localHost();
        if (local.equals("0.0.0.0") || local.equals("0:0:0:0:0:0:0:0")) {
            return "<sip:" + roomId + "@" + domain + ">;isfocus";
        }
        String host = local.indexOf(':') >= 0 ? "[" + local + "]" : local;
        return "<sip:" + roomId + "@" + host + ":" + arrived.localPort() + ";transport="
                + arrived.transport().toLowerCase(Locale.ROOT) + ">;isfocus";
    }

    /**
     * The Contact feature tag (RFC 3840) by which a Parley agent says it shows every member's
     * video from one m-line, told apart by SSRC. Phones without it get the active speaker's video.
     */
    static final String MANY_VIDEO_STREAMS_TAG = "+parley.multistream";

    /** Whether the request's Contact carries {@link #MANY_VIDEO_STREAMS_TAG}. */
    static boolean showsManyVideoStreams(Request request) {
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        if (contact == null) {
            return false;
        }
        for (Iterator<?> names = contact.getParameterNames(); names.hasNext(); ) {
            if (MANY_VIDEO_STREAMS_TAG.equalsIgnoreCase(String.valueOf(names.next()))) {
                return true;
            }
        }
        return false;
    }

    /** The Contact URI, else the AOR. */
    static String contact(Request request) {
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        return contact == null ? aor(request) : contact.getAddress().getURI().toString();
    }

    /**
     * The remote side of a dialog as seen from its requests: Call-ID and the remote party's
     * tag. Requests from a participant carry it in From.
     */
    static String dialogKey(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String tag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        return callId + ";" + (tag == null ? "" : tag);
    }

    static boolean hasToTag(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    /** The user part of a SIP request-URI. */
    static Optional<String> requestUser(Request request) {
        return request.getRequestURI() instanceof SipURI sip ? Optional.ofNullable(sip.getUser()) : Optional.empty();
    }

    static Optional<String> requestHost(Request request) {
        return request.getRequestURI() instanceof SipURI sip ? Optional.of(sip.getHost()) : Optional.empty();
    }
}
