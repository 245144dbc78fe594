package dev.parley.proxy.sip;

import java.text.ParseException;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** jain-sip's factories, made once per stack and shared by the handlers. */
record SipContext(AddressFactory addresses, HeaderFactory headers, MessageFactory messages) {

    /** A response with this reason phrase and, when the request had none, a To tag (RFC 3261 §8.2.6.2). */
    Response response(int status, String reason, Request request) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.setReasonPhrase(reason);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(Tags.next());
        }
        return response;
    }
}
