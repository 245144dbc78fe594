package dev.parley.registrar.location;

import java.util.List;
import java.util.Optional;

/**
 * The parts of a REGISTER that RFC 3261 §10.3 decides on, taken out of the SIP message by the
 * stack glue.
 *
 * @param requestUriHost host of the Request-URI (the domain being registered in)
 * @param toScheme scheme of the To URI ({@code sip}, {@code sips}, or anything else)
 * @param toUser user part of the To URI, empty when it has none
 * @param toHost host of the To URI
 * @param wildcard whether the Contact was {@code *}
 * @param contacts the Contact header field values, empty for a query or a wildcard
 * @param expiresHeader the Expires header, when present
 * @param unsupportedRequire option tags of Require that the registrar does not support
 * @param supportsOutbound whether Supported names {@code outbound} (RFC 5626 §4.2)
 */
public record RegisterRequest(
        String requestUriHost,
        String toScheme,
        String toUser,
        String toHost,
        String callId,
        long cseq,
        boolean wildcard,
        List<RequestedContact> contacts,
        Optional<Long> expiresHeader,
        List<String> unsupportedRequire,
        Flow flow,
        Optional<String> userAgent,
        boolean supportsOutbound) {

    /** A request whose Supported does not name {@code outbound}. */
    public RegisterRequest(
            String requestUriHost,
            String toScheme,
            String toUser,
            String toHost,
            String callId,
            long cseq,
            boolean wildcard,
            List<RequestedContact> contacts,
            Optional<Long> expiresHeader,
            List<String> unsupportedRequire,
            Flow flow,
            Optional<String> userAgent) {
        this(
                requestUriHost,
                toScheme,
                toUser,
                toHost,
                callId,
                cseq,
                wildcard,
                contacts,
                expiresHeader,
                unsupportedRequire,
                flow,
                userAgent,
                false);
    }

    public RegisterRequest {
        contacts = List.copyOf(contacts);
        unsupportedRequire = List.copyOf(unsupportedRequire);
        if (wildcard && !contacts.isEmpty()) {
            throw new IllegalArgumentException("a wildcard request carries no contact list");
        }
    }
}
