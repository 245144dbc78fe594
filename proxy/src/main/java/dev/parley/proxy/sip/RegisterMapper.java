package dev.parley.proxy.sip;

import dev.parley.registrar.digest.DigestCredentials;
import dev.parley.registrar.location.ContactKey;
import dev.parley.registrar.location.Flow;
import dev.parley.registrar.location.Outbound;
import dev.parley.registrar.location.RegisterRequest;
import dev.parley.registrar.location.RequestedContact;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Takes what RFC 3261 §10.3 needs out of a REGISTER that jain-sip parsed: the registrar core
 * sees records, never {@code javax.sip} types (STYLE habit 1).
 */
final class RegisterMapper {
    private RegisterMapper() {}

    /** The request's registration fields; 400 or 416 when they cannot be used. */
    static RegisterRequest map(Request request) throws BadRequestException {
        if (!(request.getRequestURI() instanceof SipURI ruri)) {
            throw new BadRequestException(416, "Unsupported URI Scheme");
        }
        if (ruri.getUser() != null) {
            throw new BadRequestException(400, "Request-URI Must Not Have A User Part");
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (to == null || callId == null || cseq == null || via == null) {
            throw new BadRequestException(400, "Missing To, Call-ID, CSeq or Via");
        }
        if (!Request.REGISTER.equals(cseq.getMethod())) {
            throw new BadRequestException(400, "CSeq Method Does Not Match");
        }
        URI toUri = to.getAddress().getURI();
        String toUser = "";
        String toHost = "";
        if (toUri instanceof SipURI sipTo) {
            toUser = sipTo.getUser() == null ? "" : sipTo.getUser();
            toHost = sipTo.getHost();
        }
        boolean wildcard = false;
        List<RequestedContact> contacts = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(ContactHeader.NAME);
        while (headers.hasNext()) {
            ContactHeader contact = (ContactHeader) headers.next();
            if (contact.isWildCard()) {
                wildcard = true;
            } else {
                contacts.add(contact(contact));
            }
        }
        if (wildcard && !contacts.isEmpty()) {
            throw new BadRequestException(400, "Wildcard Contact Must Be Alone");
        }
        ExpiresHeader expires = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        return new RegisterRequest(
                ruri.getHost(),
                toUri.getScheme().toLowerCase(Locale.ROOT),
                toUser,
                toHost,
                callId.getCallId(),
                cseq.getSeqNumber(),
                wildcard,
                contacts,
                expires == null ? Optional.empty() : Optional.of((long) expires.getExpires()),
                requiredOptions(request),
                flow(request),
                headerValue(request, "User-Agent"),
                supports(request, "outbound"));
    }

    /** Whether Supported names {@code tag} (RFC 3261 §20.37). */
    static boolean supports(Request request, String tag) {
        ListIterator<?> headers = request.getHeaders(SupportedHeader.NAME);
        while (headers.hasNext()) {
            String value = ((SupportedHeader) headers.next()).getOptionTag();
            if (value != null && value.strip().equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The Authorization header for {@code realm} (RFC 3261 §22.4), when there is one. */
    static Optional<DigestCredentials> credentials(Request request, String realm) {
        return credentials(request, realm, AuthorizationHeader.NAME);
    }

    /**
     * The digest credentials for {@code realm} in {@code Authorization} or, for a proxy's
     * challenge, {@code Proxy-Authorization} (RFC 3261 §22.3), when there are some.
     */
    static Optional<DigestCredentials> credentials(Request request, String realm, String headerName) {
        ListIterator<?> headers = request.getHeaders(headerName);
        while (headers.hasNext()) {
            AuthorizationHeader h = (AuthorizationHeader) headers.next();
            if (!"Digest".equalsIgnoreCase(h.getScheme()) || !realm.equals(h.getRealm())) {
                continue;
            }
            String username = h.getParameter("username");
            String nonce = h.getParameter("nonce");
            String uri = h.getParameter("uri");
            String response = h.getParameter("response");
            if (username == null || nonce == null || uri == null || response == null) {
                return Optional.empty();
            }
            return Optional.of(new DigestCredentials(
                    username,
                    realm,
                    nonce,
                    uri,
                    response,
                    Optional.ofNullable(h.getParameter("algorithm")),
                    Optional.ofNullable(h.getParameter("qop")),
                    Optional.ofNullable(h.getParameter("nc")),
                    Optional.ofNullable(h.getParameter("cnonce")),
                    Optional.ofNullable(h.getParameter("opaque"))));
        }
        return Optional.empty();
    }

    /** The flow the request arrived on: the Via transport and the packet's real addresses. */
    static Flow flow(Request request) {
        SIPMessage m = (SIPMessage) request;
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return new Flow(
                via.getTransport(),
                m.getRemoteAddress().getHostAddress(),
                m.getRemotePort(),
                m.getLocalAddress().getHostAddress(),
                m.getLocalPort());
    }

    static Optional<String> headerValue(Request request, String name) {
        Object h = request.getHeader(name);
        return h instanceof SIPHeader s ? Optional.of(s.getHeaderValue().strip()) : Optional.empty();
    }

    private static RequestedContact contact(ContactHeader contact) throws BadRequestException {
        URI uri = contact.getAddress().getURI();
        String key;
        if (uri instanceof SipURI sip) {
            Map<String, String> params = new HashMap<>();
            Iterator<?> names = sip.getParameterNames();
            while (names.hasNext()) {
                String name = (String) names.next();
                String value = sip.getParameter(name);
                params.put(name, value == null ? "" : value);
            }
            key = ContactKey.of(
                    sip.getScheme(), sip.getUser() == null ? "" : sip.getUser(), sip.getHost(), sip.getPort(), params);
        } else {
            key = uri.toString();
        }
        int expires = contact.getExpires();
        float q = contact.getQValue();
        if (q > 1.0f) {
            throw new BadRequestException(400, "Contact q-value Above 1");
        }
        return new RequestedContact(
                uri.toString(),
                key,
                expires < 0 ? Optional.empty() : Optional.of((long) expires),
                q < 0 ? Optional.empty() : Optional.of(Math.round(q * 1000)),
                outbound(contact));
    }

    /**
     * The {@code +sip.instance} and {@code reg-id} Contact parameters (RFC 5626 §4.2) when both
     * are there; a reg-id that is not a positive number is 400.
     */
    private static Optional<Outbound> outbound(ContactHeader contact) throws BadRequestException {
        String instance = contact.getParameter("+sip.instance");
        String regId = contact.getParameter("reg-id");
        if (instance == null || regId == null) {
            return Optional.empty();
        }
        instance = instance.strip();
        if (instance.length() >= 2 && instance.startsWith("\"") && instance.endsWith("\"")) {
            instance = instance.substring(1, instance.length() - 1);
        }
        if (instance.isEmpty() || instance.length() > 255) {
            throw new BadRequestException(400, "Bad +sip.instance");
        }
        try {
            int id = Integer.parseInt(regId.strip());
            if (id < 1) {
                throw new BadRequestException(400, "Bad reg-id");
            }
            return Optional.of(new Outbound(instance, id));
        } catch (NumberFormatException e) {
            throw new BadRequestException(400, "Bad reg-id");
        }
    }

    private static List<String> requiredOptions(Request request) {
        List<String> tags = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(RequireHeader.NAME);
        while (headers.hasNext()) {
            tags.add(((RequireHeader) headers.next()).getOptionTag());
        }
        return tags;
    }
}
