package dev.parley.proxy.sip;

import dev.parley.proxy.routing.FlowToken;
import dev.parley.proxy.routing.HopCheck;
import dev.parley.proxy.routing.LoopHash;
import dev.parley.proxy.routing.NextHop;
import dev.parley.proxy.routing.OwnAddresses;
import dev.parley.proxy.routing.Target;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The message work of a proxy (RFC 3261 §16.3, §16.4, §16.6) on jain-sip requests: popping this
 * proxy's Route, the loop hash of a request as received, and the copy that goes to one target
 * with its Request-URI, Max-Forwards, Record-Route and Via.
 */
final class Forwarding {
    private final SipContext sip;
    private final OwnAddresses own;
    private final FlowToken tokens;

    Forwarding(SipContext sip, OwnAddresses own, FlowToken tokens) {
        this.sip = sip;
        this.own = own;
        this.tokens = tokens;
    }

    OwnAddresses own() {
        return own;
    }

    /** Whether this URI names this server (any user part). */
    boolean isOurs(URI uri) {
        return uri instanceof SipURI s && own.isOurs(s.getHost(), s.getPort());
    }

    /**
     * §16.4 on a copy of the request: a Request-URI that is one of our Record-Route values
     * (a strict router before us) is replaced by the last Route; then every Route naming this
     * server is removed from the top. Returns whether one was removed.
     */
    boolean popOwnRoutes(Request request) throws SipException {
        if (request.getRequestURI() instanceof SipURI ruri
                && ruri.getUser() == null
                && isOurs(ruri)
                && request.getHeader(RouteHeader.NAME) != null) {
            List<RouteHeader> routes = routes(request);
            RouteHeader lastRoute = routes.get(routes.size() - 1);
            request.setRequestURI(lastRoute.getAddress().getURI());
            request.removeHeader(RouteHeader.NAME);
            for (int i = 0; i < routes.size() - 1; i++) {
                request.addLast(routes.get(i));
            }
        }
        boolean popped = false;
        while (request.getHeader(RouteHeader.NAME) instanceof RouteHeader top
                && isOurs(top.getAddress().getURI())) {
            request.removeFirst(RouteHeader.NAME);
            popped = true;
        }
        return popped;
    }

    /**
     * RFC 5626 §5.3: the flow an in-dialog request goes out on, when the Route naming this proxy
     * carries a flow token of ours; see {@link FlowToken#onward}. Read before {@link #popOwnRoutes}.
     */
    Optional<NextHop> dialogFlow(Request request) {
        ListIterator<?> it = request.getHeaders(RouteHeader.NAME);
        while (it.hasNext()) {
            URI uri = ((RouteHeader) it.next()).getAddress().getURI();
            if (!isOurs(uri)) {
                break;
            }
            String user = ((SipURI) uri).getUser();
            if (user != null) {
                Optional<List<NextHop>> flows = tokens.decode(user);
                if (flows.isPresent()) {
                    return FlowToken.onward(flows.get(), arrivedOn(request));
                }
            }
        }
        return Optional.empty();
    }

    /** The flow a request came in on, as a hop to send back over. */
    static NextHop arrivedOn(Request request) {
        dev.parley.registrar.location.Flow f = RegisterMapper.flow(request);
        return new NextHop(f.sourceHost(), f.sourcePort(), f.transport());
    }

    private static List<RouteHeader> routes(Request request) {
        List<RouteHeader> out = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(RouteHeader.NAME);
        while (it.hasNext()) {
            out.add((RouteHeader) it.next());
        }
        return out;
    }

    /** §16.6 step 8's hash of the request as it arrived. */
    static String loopHash(Request received) {
        ToHeader to = (ToHeader) received.getHeader(ToHeader.NAME);
        FromHeader from = (FromHeader) received.getHeader(FromHeader.NAME);
        return LoopHash.compute(
                received.getRequestURI().toString(),
                from == null || from.getTag() == null ? "" : from.getTag(),
                to == null || to.getTag() == null ? "" : to.getTag(),
                ((CallIdHeader) received.getHeader(CallIdHeader.NAME)).getCallId(),
                ((CSeqHeader) received.getHeader(CSeqHeader.NAME)).getSeqNumber(),
                values(received, ProxyRequireHeader.NAME),
                values(received, ProxyAuthorizationHeader.NAME));
    }

    private static List<String> values(Request request, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(name);
        while (it.hasNext()) {
            out.add(it.next().toString().strip());
        }
        return out;
    }

    /** The branch parameters of the Vias this proxy put on the request (§16.3 step 4). */
    List<String> ownBranches(Request request) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ViaHeader.NAME);
        while (it.hasNext()) {
            ViaHeader via = (ViaHeader) it.next();
            if (via.getBranch() != null && own.isOurs(via.getHost(), via.getPort())) {
                out.add(via.getBranch());
            }
        }
        return out;
    }

    static OptionalInt maxForwards(Request request) {
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        return mf == null ? OptionalInt.empty() : OptionalInt.of(mf.getMaxForwards());
    }

    /**
     * Makes {@code out} the request for one target (§16.6 steps 1-8): {@code out} is the request
     * after {@link #popOwnRoutes}, or a copy of it when more than one request is made of it; the
     * Request-URI becomes the target's when {@code retarget}; Max-Forwards one less; when {@code
     * recordRoute}, a Record-Route with {@code ;lr} naming the listener it came in on, and a second
     * one naming the listener it leaves by when that is another (RFC 5658); our Via with the loop
     * hash and branch index on top. The next hop is the target's flow when it has one (see {@link
     * FlowRouter}).
     *
     * <p>{@code inbound} is the flow the request came on: when it or the target's flow is a
     * connection, the Record-Route carries a flow token naming them, with {@code ;ob} (RFC 5626
     * §5.3), so that the dialog's requests come back over those connections.
     */
    Request readyFor(
            SipProvider provider,
            Request out,
            String inboundTransport,
            Target target,
            boolean retarget,
            boolean recordRoute,
            String branch,
            Optional<NextHop> inbound)
            throws ParseException, InvalidArgumentException, SipException {
        if (retarget) {
            out.setRequestURI(sip.addresses().createURI(target.uri()));
        }
        int mf = HopCheck.decrement(maxForwards(out));
        out.setHeader(sip.headers().createMaxForwardsHeader(mf));
        target.flow().ifPresent(hop -> FlowRouter.pin(out, hop));
        ViaHeader via = sip.headers().createViaHeader("0.0.0.0", 5060, ListeningPoint.UDP, branch);
        out.addFirst(via);
        Hop hop = provider.getSipStack().getRouter().getNextHop(out);
        ListeningPoint lp = provider.getListeningPoint(hop.getTransport());
        if (lp == null) {
            throw new SipException("no listener for " + hop.getTransport());
        }
        via.setHost(lp.getIPAddress());
        via.setPort(lp.getPort());
        via.setTransport(lp.getTransport());
        if (recordRoute) {
            List<NextHop> flows = new ArrayList<>();
            inbound.filter(NextHop::connectionOriented).ifPresent(flows::add);
            target.flow().filter(NextHop::connectionOriented).ifPresent(flows::add);
            Optional<String> token = flows.isEmpty() ? Optional.empty() : Optional.of(tokens.encode(flows));
            ListeningPoint in = listener(provider, inboundTransport);
            out.addFirst(recordRoute(in, token));
            if (!sameListener(in, lp)) {
                // RFC 5658 §4: the request changes transport (or address) here, so each side
                // gets an entry naming the listener it reaches us on; the top one is the
                // callee's, the bottom one the caller's (its route set is the reverse).
                out.addFirst(recordRoute(lp, token));
            }
        }
        return out;
    }

    /**
     * An ACK for a 2xx made ready to go on (§16.11, stateless) from {@code routed}, the caller's
     * own copy with the routes popped: MF one less, our Via; over {@code flow} when its flow token
     * names one.
     */
    Request statelessCopy(SipProvider provider, Request routed, String branch, Optional<NextHop> flow)
            throws ParseException, InvalidArgumentException, SipException {
        return readyFor(
                provider,
                routed,
                "UDP",
                new Target(routed.getRequestURI().toString(), flow),
                false,
                false,
                branch,
                Optional.empty());
    }

    private static ListeningPoint listener(SipProvider provider, String transport) {
        ListeningPoint lp = provider.getListeningPoint(transport);
        return lp == null ? provider.getListeningPoints()[0] : lp;
    }

    private static boolean sameListener(ListeningPoint a, ListeningPoint b) {
        return a.getTransport().equalsIgnoreCase(b.getTransport())
                && a.getIPAddress().equals(b.getIPAddress())
                && a.getPort() == b.getPort();
    }

    /**
     * A Record-Route naming listener {@code lp} with {@code ;lr}, its transport unless UDP, and
     * the flow token with {@code ;ob} (RFC 5626 §5.3) when there is one.
     */
    private RecordRouteHeader recordRoute(ListeningPoint lp, Optional<String> flowToken)
            throws ParseException, SipException {
        SipURI uri = sip.addresses().createSipURI(flowToken.orElse(null), lp.getIPAddress());
        uri.setPort(lp.getPort());
        if (!ListeningPoint.UDP.equalsIgnoreCase(lp.getTransport())) {
            uri.setTransportParam(lp.getTransport().toLowerCase(Locale.ROOT));
        }
        uri.setLrParam();
        if (flowToken.isPresent()) {
            uri.setParameter("ob", null);
        }
        return sip.headers().createRecordRouteHeader(sip.addresses().createAddress(uri));
    }
}
