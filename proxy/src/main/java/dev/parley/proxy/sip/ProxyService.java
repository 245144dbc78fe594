package dev.parley.proxy.sip;

import dev.parley.proxy.dns.ServerLocator;
import dev.parley.proxy.metrics.Metrics;
import dev.parley.proxy.routing.HopCheck;
import dev.parley.proxy.routing.LoopHash;
import dev.parley.proxy.routing.NextHop;
import dev.parley.proxy.routing.Reachable;
import dev.parley.proxy.routing.ResponseContext;
import dev.parley.proxy.routing.ServerSelection;
import dev.parley.proxy.routing.Target;
import dev.parley.proxy.routing.TargetSet;
import dev.parley.registrar.store.AccountStore;
import dev.parley.registrar.store.BindingStore;
import dev.parley.registrar.store.StoreException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.Transaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful proxy (RFC 3261 §16): requests for users of this domain go to every registered
 * contact at once; requests with a route set (in-dialog BYE, re-INVITE, INFO, UPDATE, NOTIFY…)
 * follow it. §16.3 checks first (483, 482, 420), then local callers authenticate (407), then
 * the target set (404 unknown user, 480 no contact), then one {@link ProxyCall} per request.
 * ACK for a 2xx is forwarded statelessly (§16.11).
 */
final class ProxyService {
    private static final Logger LOG = LoggerFactory.getLogger("proxy");

    /** Answers a request as its final recipient (OPTIONS with Max-Forwards 0, §16.3 step 3). */
    interface LocalAnswer {
        void answer(SipProvider provider, ServerTransaction tx, Request request) throws ParseException;
    }

    /**
     * The proxy's settings: how long each group of a user's contacts rings, Timer C, and whether
     * local callers authenticate.
     */
    record Settings(Duration ringTimeout, Duration timerC, boolean authenticateCallers) {}

    private final SipContext sip;
    private final Responder responder;
    private final Forwarding forwarding;
    private final CallerAuthentication callers;
    private final BindingStore bindings;
    private final AccountStore accounts;
    private final Metrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Settings settings;
    private final ServerLocator locator;
    private final LocalAnswer options;
    private final FlowTracker flows;
    private final Map<String, ProxyCall> calls = new ConcurrentHashMap<>();
    /** Requests waiting for their destination's DNS lookup, by {@link #key}: a CANCEL ends them here. */
    private final Map<String, ServerTransaction> locating = new ConcurrentHashMap<>();

    ProxyService(
            SipContext sip,
            Responder responder,
            Forwarding forwarding,
            CallerAuthentication callers,
            BindingStore bindings,
            AccountStore accounts,
            Metrics metrics,
            Clock clock,
            ScheduledExecutorService timers,
            Settings settings,
            ServerLocator locator,
            LocalAnswer options,
            FlowTracker flows) {
        this.sip = sip;
        this.responder = responder;
        this.forwarding = forwarding;
        this.callers = callers;
        this.bindings = bindings;
        this.accounts = accounts;
        this.metrics = metrics;
        this.clock = clock;
        this.timers = timers;
        this.settings = settings;
        this.locator = locator;
        this.options = options;
        this.flows = flows;
    }

    /** A request for the server itself: its Request-URI names us with no user and no other hop is routed. */
    boolean addressedToServer(Request request) {
        if (!(request.getRequestURI() instanceof SipURI ruri) || ruri.getUser() != null || !forwarding.isOurs(ruri)) {
            return false;
        }
        ListIterator<?> routes = request.getHeaders(RouteHeader.NAME);
        while (routes.hasNext()) {
            if (!forwarding.isOurs(((RouteHeader) routes.next()).getAddress().getURI())) {
                return false;
            }
        }
        return true;
    }

    void handle(SipProvider provider, ServerTransaction tx, Request request)
            throws ParseException, InvalidArgumentException, SipException {
        String hash = Forwarding.loopHash(request);
        switch (HopCheck.check(
                request.getMethod(), Forwarding.maxForwards(request), forwarding.ownBranches(request), hash)) {
            case TOO_MANY_HOPS -> {
                reply(provider, tx, request, Response.TOO_MANY_HOPS, "Too Many Hops");
                return;
            }
            case LOOP -> {
                reply(provider, tx, request, Response.LOOP_DETECTED, "Loop Detected");
                return;
            }
            case ANSWER_OPTIONS -> {
                options.answer(provider, tx, request);
                return;
            }
            case FORWARD -> {}
        }
        List<String> proxyRequire = optionTags(request);
        if (!proxyRequire.isEmpty()) {
            Response r = sip.response(Response.BAD_EXTENSION, "Bad Extension", request);
            for (String tag : proxyRequire) {
                r.addHeader(sip.headers().createUnsupportedHeader(tag));
            }
            responder.send(provider, tx, r);
            return;
        }
        boolean inDialog = SipParties.hasToTag(request);
        if (!inDialog && settings.authenticateCallers() && !callers.passes(provider, tx, request)) {
            return;
        }
        Request routed = (Request) request.clone();
        Optional<NextHop> dialogFlow = inDialog ? forwarding.dialogFlow(routed) : Optional.empty();
        boolean popped = forwarding.popOwnRoutes(routed);
        boolean hasRoute = routed.getHeader(RouteHeader.NAME) != null;
        List<List<Target>> targets;
        boolean retarget = false;
        if (!hasRoute && routed.getRequestURI() instanceof SipURI ruri && forwarding.isOurs(ruri)) {
            if (ruri.getUser() == null) {
                reply(provider, tx, request, Response.NOT_FOUND, "Not Found");
                return;
            }
            Optional<List<List<Target>>> found = locate(provider, tx, request, ruri.getUser());
            if (found.isEmpty()) {
                return;
            }
            targets = found.get();
            retarget = true;
        } else if (inDialog ? popped || hasRoute : callers.fromLocalUser(request)) {
            // In a dialog: its route set. Outside one, only a caller of this domain (authenticated
            // unless proxy-auth is off) may have the proxy carry a request elsewhere.
            Optional<NextHop> flow = hasRoute ? Optional.empty() : dialogFlow;
            if (flow.isPresent() && !flows.isOpen(flow.get())) {
                // RFC 5626 §5.3: the connection the dialog runs over is gone.
                reply(provider, tx, request, 430, "Flow Failed");
                return;
            }
            boolean recordRoute = !inDialog && createsDialog(request);
            if (flow.isEmpty()
                    && nextHop(routed) instanceof SipURI next
                    && !ServerSelection.isAddress(next.getHost())) {
                locateThenForward(provider, tx, request, routed, next, recordRoute, hash);
                return;
            }
            targets = List.of(List.of(new Target(routed.getRequestURI().toString(), flow)));
        } else {
            reply(provider, tx, request, Response.FORBIDDEN, "Relaying Denied");
            return;
        }
        forward(
                provider,
                tx,
                request,
                routed,
                targets,
                retarget,
                !inDialog && createsDialog(request),
                hash,
                ResponseContext.Advance.ON_ANY_FAILURE);
    }

    /** §16.6 step 6-7: the URI the request goes to next, its top Route or else its Request-URI. */
    private static javax.sip.address.URI nextHop(Request routed) {
        return routed.getHeader(RouteHeader.NAME) instanceof RouteHeader top
                ? top.getAddress().getURI()
                : routed.getRequestURI();
    }

    /**
     * RFC 3263 for a next hop named by a host name: the servers DNS gives, tried one after
     * another while they cannot be reached, time out or answer 503 (§4.3). Forwarded from the DNS
     * thread; a name nobody knows gets 478.
     */
    private void locateThenForward(
            SipProvider provider,
            ServerTransaction tx,
            Request request,
            Request routed,
            SipURI next,
            boolean recordRoute,
            String hash) {
        String uri = routed.getRequestURI().toString();
        Optional<String> transport = Optional.ofNullable(next.getTransportParam());
        String key = key(request);
        boolean cancellable = Request.INVITE.equals(request.getMethod());
        if (cancellable) {
            locating.put(key, tx);
        }
        locator.locate(next.getHost(), next.getPort(), transport, next.isSecure())
                .whenComplete((hops, error) -> {
                    if (cancellable && locating.remove(key) == null) {
                        return; // cancelled while DNS was asked: answered 487 already
                    }
                    List<List<Target>> groups = new ArrayList<>();
                    for (NextHop hop : hops == null ? List.<NextHop>of() : hops) {
                        groups.add(List.of(new Target(uri, Optional.of(hop))));
                    }
                    if (groups.isEmpty()) {
                        LOG.info("located {}: no server in DNS", next.getHost());
                        try {
                            // As Kamailio's t_relay answers a destination it cannot resolve.
                            reply(provider, tx, request, 478, "Unresolvable Destination");
                        } catch (ParseException | RuntimeException e) {
                            LOG.warn("could not answer {}: {}", next, e.toString());
                        }
                        return;
                    }
                    LOG.info(
                            "located {}: {}",
                            next.getHost(),
                            hops.stream()
                                    .map(h -> h.transport() + " " + h.host() + ":" + h.port())
                                    .toList());
                    try {
                        forward(
                                provider,
                                tx,
                                request,
                                routed,
                                groups,
                                false,
                                recordRoute,
                                hash,
                                ResponseContext.Advance.ON_UNREACHABLE);
                    } catch (RuntimeException e) {
                        LOG.warn("could not forward to {}: {}", next, e.toString());
                    }
                });
    }

    /**
     * The live contacts of {@code user} that can be reached (a closed connection's cannot, see
     * {@link Reachable}) in groups of equal q, highest first; answers 404 (no such user), 480
     * (none) or 500 itself.
     */
    private Optional<List<List<Target>>> locate(
            SipProvider provider, ServerTransaction tx, Request request, String user) throws ParseException {
        Instant now = clock.instant();
        try {
            List<List<Target>> targets = TargetSet.grouped(
                    Reachable.choose(
                            bindings.lookup(
                                    "sip:" + user + "@" + forwarding.own().domain(), now),
                            flows::isOpen),
                    now);
            if (!targets.isEmpty()) {
                return Optional.of(targets);
            }
            if (accounts.find(user).isPresent()) {
                reply(provider, tx, request, Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable");
            } else {
                reply(provider, tx, request, Response.NOT_FOUND, "Not Found");
            }
        } catch (StoreException e) {
            metrics.storeError();
            reply(provider, tx, request, Response.SERVER_INTERNAL_ERROR, "Store Unavailable");
        }
        return Optional.empty();
    }

    private void forward(
            SipProvider provider,
            ServerTransaction tx,
            Request request,
            Request routed,
            List<List<Target>> groups,
            boolean retarget,
            boolean recordRoute,
            String hash,
            ResponseContext.Advance advance) {
        String key = key(request);
        String transport = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport();
        Optional<NextHop> inbound = Optional.of(Forwarding.arrivedOn(request));
        List<Optional<Request>> outgoing = new ArrayList<>();
        List<List<Request>> fallbacks = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        // The last request made takes routed itself: one target, one copy.
        int copies = 0;
        for (List<Target> group : groups) {
            for (Target target : group) {
                copies += 1 + target.fallbacks().size();
            }
        }
        for (List<Target> group : groups) {
            sizes.add(group.size());
            for (Target target : group) {
                int i = outgoing.size();
                outgoing.add(copy(
                        provider,
                        routed,
                        --copies == 0,
                        transport,
                        target,
                        retarget,
                        recordRoute,
                        LoopHash.branch(hash, i),
                        inbound,
                        key));
                List<Request> others = new ArrayList<>();
                for (int a = 0; a < target.fallbacks().size(); a++) {
                    copy(
                                    provider,
                                    routed,
                                    --copies == 0,
                                    transport,
                                    target.fallbacks().get(a),
                                    retarget,
                                    recordRoute,
                                    LoopHash.branch(hash, i, a + 1),
                                    inbound,
                                    key)
                            .ifPresent(others::add);
                }
                fallbacks.add(others);
            }
        }
        ProxyCall call = new ProxyCall(
                sip,
                provider,
                tx,
                request,
                key,
                new ResponseContext(sizes, advance),
                outgoing,
                fallbacks,
                metrics,
                new ProxyCall.Timers(timers, settings.ringTimeout(), settings.timerC()),
                () -> done(key));
        calls.put(key, call);
        metrics.proxyActive(1);
        if (call.isNewCall()) {
            metrics.callForwarded();
        }
        call.start();
    }

    /**
     * The copy of {@code routed} for one target, or {@code routed} itself made ready for it when
     * it is the {@code last} one made; empty (logged) when it cannot be made.
     */
    private Optional<Request> copy(
            SipProvider provider,
            Request routed,
            boolean last,
            String transport,
            Target target,
            boolean retarget,
            boolean recordRoute,
            String branch,
            Optional<NextHop> inbound,
            String key) {
        try {
            Request out = last ? routed : (Request) routed.clone();
            return Optional.of(
                    forwarding.readyFor(provider, out, transport, target, retarget, recordRoute, branch, inbound));
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.debug("branch {} of {} to {}: {}", branch, key, target.uri(), e.toString());
            return Optional.empty();
        }
    }

    private void done(String key) {
        if (calls.remove(key) != null) {
            metrics.proxyActive(-1);
        }
    }

    /** CANCEL for a proxied INVITE (§16.10): 200 to it, then every pending branch is cancelled. */
    boolean cancel(SipProvider provider, ServerTransaction tx, Request cancel) throws ParseException {
        ServerTransaction located = locating.remove(key(cancel));
        if (located != null) {
            // Still looking the destination up (RFC 3263): nothing was forwarded, so the proxy ends
            // the INVITE itself.
            responder.send(provider, tx, sip.response(Response.OK, "OK", cancel));
            reply(provider, located, located.getRequest(), Response.REQUEST_TERMINATED, "Request Terminated");
            return true;
        }
        ProxyCall call = calls.get(key(cancel));
        if (call == null || !call.isInvite()) {
            return false;
        }
        responder.send(provider, tx, sip.response(Response.OK, "OK", cancel));
        call.cancel();
        return true;
    }

    /**
     * ACK for a 2xx (§16.11): forwarded statelessly along its route set; dropped when it has none
     * through us. A next hop named by a host name is located by RFC 3263 like every other request
     * (its first server: the ACK is not retried), from the DNS thread.
     */
    void ack(SipProvider provider, Request ack) {
        try {
            Request routed = (Request) ack.clone();
            Optional<NextHop> flow = forwarding.dialogFlow(routed);
            boolean popped = forwarding.popOwnRoutes(routed);
            if (!popped && routed.getHeader(RouteHeader.NAME) == null) {
                // Not on a route set through us (every call we carry is record-routed): not ours to relay.
                return;
            }
            String hash = Forwarding.loopHash(ack);
            if (HopCheck.check(Request.ACK, Forwarding.maxForwards(ack), forwarding.ownBranches(ack), hash)
                    != HopCheck.Verdict.FORWARD) {
                return;
            }
            if (routed.getHeader(RouteHeader.NAME) != null
                    || flow.filter(flows::isOpen).isEmpty()) {
                flow = Optional.empty();
            }
            String branch = LoopHash.branch(hash, 0);
            if (flow.isEmpty()
                    && nextHop(routed) instanceof SipURI next
                    && !ServerSelection.isAddress(next.getHost())) {
                locator.locate(
                                next.getHost(),
                                next.getPort(),
                                Optional.ofNullable(next.getTransportParam()),
                                next.isSecure())
                        .thenAccept(hops -> {
                            if (hops.isEmpty()) {
                                LOG.debug("ACK not forwarded: {} has no server in DNS", next.getHost());
                            } else {
                                sendAck(provider, routed, branch, Optional.of(hops.get(0)));
                            }
                        });
                return;
            }
            sendAck(provider, routed, branch, flow);
        } catch (SipException | RuntimeException e) {
            LOG.debug("ACK not forwarded: {}", e.toString());
        }
    }

    private void sendAck(SipProvider provider, Request routed, String branch, Optional<NextHop> hop) {
        try {
            provider.sendRequest(forwarding.statelessCopy(provider, routed, branch, hop));
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.debug("ACK not forwarded: {}", e.toString());
        }
    }

    /** A response in one of our client transactions; false when it is not a proxy branch. */
    boolean response(ClientTransaction ct, Response response) {
        if (ct.getApplicationData() instanceof ProxyCall.Branch b) {
            b.call().response(b.index(), response);
            return true;
        }
        return false;
    }

    /**
     * A 2xx retransmission that no transaction claims (RFC 6026 §7.2): forwarded statelessly when
     * our Via is on top.
     */
    void strayResponse(SipProvider provider, Response response) {
        ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (response.getStatusCode() / 100 != 2
                || top == null
                || top.getBranch() == null
                || LoopHash.of(top.getBranch()).isEmpty()) {
            return;
        }
        Response up = (Response) response.clone();
        up.removeFirst(ViaHeader.NAME);
        if (up.getHeader(ViaHeader.NAME) == null) {
            return;
        }
        try {
            provider.sendResponse(up);
        } catch (SipException | RuntimeException e) {
            LOG.debug("stray 2xx not forwarded: {}", e.toString());
        }
    }

    /** A client transaction timed out or ended: a branch without a final response completes with 408. */
    void transactionEnded(Transaction t) {
        if (t instanceof ClientTransaction ct && ct.getApplicationData() instanceof ProxyCall.Branch b) {
            b.call().noResponse(b.index(), ct);
        }
    }

    private void reply(SipProvider provider, ServerTransaction tx, Request request, int status, String reason)
            throws ParseException {
        responder.send(provider, tx, sip.response(status, reason, request));
        metrics.proxyFinal(status);
        if (Request.INVITE.equals(request.getMethod()) && !SipParties.hasToTag(request)) {
            LOG.info(
                    "call {} -> {}: {} {} (not forwarded)",
                    SipParties.aor(request),
                    request.getRequestURI(),
                    status,
                    reason);
        }
    }

    private static boolean createsDialog(Request request) {
        String m = request.getMethod();
        return m.equals(Request.INVITE) || m.equals(Request.SUBSCRIBE) || m.equals(Request.REFER);
    }

    /** Proxy-Require option tags: this proxy supports none (§16.3 step 5). */
    private static List<String> optionTags(Request request) {
        List<String> tags = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ProxyRequireHeader.NAME);
        while (it.hasNext()) {
            String tag = ((ProxyRequireHeader) it.next()).getOptionTag();
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** The server transaction's identity as an INVITE and its CANCEL share it (§9.2). */
    private static String key(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId()
                + "|" + via.getBranch() + "|" + via.getHost() + ":" + via.getPort()
                + "|" + ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }
}
