package dev.parley.proxy.sip;

import dev.parley.proxy.routing.NextHop;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.DefaultRouter;
import gov.nist.javax.sip.stack.HopImpl;
import java.util.ListIterator;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;

/**
 * The stack's router ({@code javax.sip.ROUTER_PATH}): a request the proxy marked with a {@link
 * NextHop} (the flow a contact registered from, RFC 3581) goes there; everything else is routed
 * by jain-sip's own rules (top Route, else the Request-URI, RFC 3261 §16.6 steps 6-7).
 */
public final class FlowRouter implements Router {
    private final DefaultRouter rules;

    public FlowRouter(SipStack stack, @Nullable String outboundProxy) {
        this.rules = new DefaultRouter(stack, outboundProxy);
    }

    /** Sends {@code request} over {@code hop} instead of where its headers point. */
    static void pin(Request request, NextHop hop) {
        ((SIPRequest) request).setApplicationData(hop);
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request instanceof SIPRequest r && r.getApplicationData() instanceof NextHop hop) {
            return new HopImpl(hop.host(), hop.port(), hop.transport());
        }
        return rules.getNextHop(request);
    }

    @Override
    public Hop getOutboundProxy() {
        return rules.getOutboundProxy();
    }

    @Override
    @Deprecated
    @SuppressWarnings("rawtypes")
    public ListIterator getNextHops(Request request) {
        return rules.getNextHops(request);
    }
}
