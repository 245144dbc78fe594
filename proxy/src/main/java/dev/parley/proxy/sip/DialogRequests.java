package dev.parley.proxy.sip;

import dev.parley.proxy.dns.ServerLocator;
import dev.parley.proxy.routing.NextHop;
import dev.parley.proxy.routing.ResponseContext;
import dev.parley.proxy.routing.ServerSelection;
import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The focus's own requests inside its dialogs (RFC 3261 §12.2.1.1): BYE, re-INVITE, NOTIFY and
 * the ACK of a 2xx. Each goes to the dialog's next hop, its first route or else its remote
 * target; one named by a host name is located by RFC 3263 ({@link ServerLocator}, {@code
 * --dns-server}) as the proxy locates what it forwards, and the request is pinned to one server
 * ({@link FlowRouter}): jain-sip's dialog layer alone would ask the system's resolver. The servers
 * are tried in turn by the proxy's rule ({@link ResponseContext.Advance#ON_UNREACHABLE}, RFC 3263
 * §4.3): the next one, with a new Via branch and otherwise the same request, when sending fails
 * (a refused connection), the transaction times out (Timer B/F) or the server answers 503. The
 * ACK has no transaction, so only a failed send moves it on. The server that took a request is the
 * dialog's from then on; the ones before it are not tried again. A dialog looks its next hop up
 * once and keeps it while the target stays the same. A dialog whose peer is on a connection it
 * opened (TCP, TLS) sends over that connection while it is open, whatever the Contact names
 * ({@link #overFlow}). A next hop that is an address needs no lookup, and the request goes at once
 * on the calling thread. A dialog's requests leave in the order they were given: those given
 * while its lookup runs go after it, from the DNS thread.
 */
final class DialogRequests {
    private static final Logger LOG = LoggerFactory.getLogger(DialogRequests.class);

    /** Sends one copy of a request once its next hop is known; {@code sending} sees its transaction first. */
    private interface Send<T> {
        T send(Request copy, Consumer<ClientTransaction> sending) throws SipException;
    }

    /** Who follows a request's transactions: told of each one before it goes out, and when it is given up. */
    record Tracking(Consumer<ClientTransaction> sending, Consumer<ClientTransaction> abandoned) {
        static final Tracking NONE = new Tracking(ct -> {}, ct -> {});
    }

    /**
     * What a dialog carries as its application data: the target last located (host, port,
     * transport), its servers and the one in use, and the dialog's last request, the next one's
     * turn. Guarded by itself.
     */
    private static final class Route {
        private Optional<NextHop> flow = Optional.empty();
        private String target = "";
        private CompletableFuture<List<NextHop>> servers =
                CompletableFuture.failedFuture(new SipException("not located"));
        /** The index in {@link #servers} of the server the dialog's requests go to. */
        private int current;

        private CompletableFuture<?> last = CompletableFuture.completedFuture(Boolean.TRUE);
    }

    /**
     * One request on its way through its servers: which copy went where, and the proxy's {@link
     * ResponseContext} (one server per group) deciding when to move on. Guarded by itself.
     */
    private final class Attempts {
        private final Route route;
        private final Request request;
        private final List<NextHop> hops;
        private final Send<?> send;
        private final Tracking tracking;
        private final ResponseContext context;
        private @Nullable ClientTransaction ct;
        private int branch;
        private boolean heard;

        Attempts(Route route, Request request, List<NextHop> hops, Send<?> send, Tracking tracking) {
            this.route = route;
            this.request = request;
            this.hops = hops;
            this.send = send;
            this.tracking = tracking;
            this.context =
                    new ResponseContext(Collections.nCopies(hops.size(), 1), ResponseContext.Advance.ON_UNREACHABLE);
        }

        /** Sends the first copy; when sending fails, the next servers' in turn. What the one that went out gave. */
        synchronized Object start() throws SipException {
            ResponseContext.Decision d = context.start();
            return sendFrom(d.start().get(0), request).orElseThrow(() -> new SipException("no server took it"));
        }

        /**
         * Sends {@code copy} to server {@code i}, and on failure a fresh copy to each next one the
         * context starts; empty when none took it (the last error logged).
         */
        private Optional<Object> sendFrom(int i, Request copy) {
            int at = i;
            Request out = copy;
            while (true) {
                NextHop hop = hops.get(at);
                FlowRouter.pin(out, hop);
                try {
                    branch = at;
                    heard = false;
                    ct = null;
                    boolean more = at + 1 < hops.size();
                    Object sent = send.send(out, t -> {
                        ct = t;
                        if (more) {
                            inFlight.put(t, this);
                        }
                    });
                    settled(hop);
                    return Optional.of(sent);
                } catch (SipException | RuntimeException e) {
                    ClientTransaction failed = ct;
                    if (failed != null) {
                        inFlight.remove(failed);
                    }
                    LOG.info(
                            "{} in dialog {}: {} {}:{} not reached: {}",
                            out.getMethod(),
                            callId(out),
                            hop.transport(),
                            hop.host(),
                            hop.port(),
                            e.toString());
                    List<Integer> next = context.finalResponse(at, 503, true).start();
                    if (next.isEmpty()) {
                        return Optional.empty();
                    }
                    at = next.get(0);
                    out = fresh(out);
                }
            }
        }

        /** The server now in use is the dialog's: later requests start there. */
        private void settled(NextHop hop) {
            synchronized (route) {
                int i = route.servers.getNow(List.of()).indexOf(hop);
                if (i >= 0) {
                    route.current = i;
                }
            }
        }

        /**
         * The transaction {@code which} ended with {@code status} ({@code synthetic}: a timeout):
         * the request goes to the next server if the rule says so, and its tracking drops {@code
         * which} once the next transaction is out. False when it stays where it is.
         */
        synchronized boolean ended(ClientTransaction which, int status, boolean synthetic) {
            if (which != ct) {
                return false;
            }
            inFlight.remove(which);
            if (synthetic && heard) {
                return false; // the server answered (1xx): its silence since is no reason to move on
            }
            List<Integer> next =
                    context.finalResponse(branch, status, synthetic).start();
            if (next.isEmpty()) {
                return false;
            }
            Request copy = fresh(which.getRequest());
            LOG.info(
                    "{} in dialog {}: {} from {}, the next server",
                    copy.getMethod(),
                    callId(copy),
                    synthetic ? "no answer" : String.valueOf(status),
                    hops.get(branch));
            if (sendFrom(next.get(0), copy).isEmpty()) {
                return false;
            }
            tracking.abandoned().accept(which);
            return true;
        }

        /** A provisional response on {@code which}: its server answered. */
        synchronized void heard(ClientTransaction which) {
            if (which == ct) {
                heard = true;
            }
        }
    }

    private final ServerLocator locator;
    private final FlowTracker flows;
    /** Requests sent to a located server with another one left, by their transaction. */
    private final Map<ClientTransaction, Attempts> inFlight = new ConcurrentHashMap<>();

    DialogRequests(ServerLocator locator, FlowTracker flows) {
        this.locator = locator;
        this.flows = flows;
    }

    /**
     * The peer of {@code dialog} reaches us over {@code flow}: when that is a connection (TCP,
     * TLS), the dialog's requests go back over it while it is open, as the proxy's flow tokens
     * send them (RFC 5626 §5.3): behind a NAT nobody listens where the Contact says. A UDP flow
     * changes nothing.
     */
    void overFlow(Dialog dialog, NextHop flow) {
        if (flow.connectionOriented()) {
            Route route = route(dialog);
            synchronized (route) {
                route.flow = Optional.of(flow);
            }
        }
    }

    /** Sends {@code request}, made by {@code dialog}, in a new client transaction. */
    CompletableFuture<ClientTransaction> send(SipProvider provider, Dialog dialog, Request request) {
        return send(provider, dialog, request, Tracking.NONE);
    }

    /**
     * Sends {@code request}, made by {@code dialog}, in a new client transaction; {@code tracking}
     * sees each transaction before it goes out, so that its answer finds it, and each one given up
     * for the next server. The result completes when the request went out, or with why it did not
     * (logged here).
     */
    CompletableFuture<ClientTransaction> send(SipProvider provider, Dialog dialog, Request request, Tracking tracking) {
        return inTurn(
                dialog,
                request,
                (copy, sending) -> {
                    ClientTransaction ct = provider.getNewClientTransaction(copy);
                    sending.accept(ct);
                    tracking.sending().accept(ct);
                    try {
                        dialog.sendRequest(ct);
                    } catch (SipException | RuntimeException e) {
                        tracking.abandoned().accept(ct);
                        throw e;
                    }
                    return ct;
                },
                tracking);
    }

    /** Sends the ACK of a 2xx, made by {@code dialog.createAck} (RFC 3261 §13.2.2.4). */
    CompletableFuture<Dialog> ack(Dialog dialog, Request ack) {
        return inTurn(
                dialog,
                ack,
                (copy, sending) -> {
                    dialog.sendAck(copy);
                    return dialog;
                },
                Tracking.NONE);
    }

    /**
     * A response in one of the focus's transactions: true when it was a 503 from a located server
     * and the request went on to the next one (its tracking got the new transaction), so the
     * response is nobody else's.
     */
    boolean response(ClientTransaction ct, Response response) {
        Attempts a = inFlight.get(ct);
        if (a == null) {
            return false;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            a.heard(ct);
            return false;
        }
        return a.ended(ct, status, false);
    }

    /** A transaction of the focus's timed out (Timer B/F): true when the request went on to the next server. */
    boolean timedOut(ClientTransaction ct) {
        Attempts a = inFlight.get(ct);
        return a != null && a.ended(ct, 408, true);
    }

    /** A transaction of the focus ended: it is forgotten. */
    void ended(ClientTransaction ct) {
        inFlight.remove(ct);
    }

    private <T> CompletableFuture<T> inTurn(Dialog dialog, Request request, Send<T> send, Tracking tracking) {
        Route route = route(dialog);
        // This request's turn comes when the one before it is out (or failed: that holds no later
        // one up). The turn is given outside the lock, so nothing is sent while holding it.
        CompletableFuture<Boolean> turn = new CompletableFuture<>();
        CompletableFuture<?> before;
        CompletableFuture<T> sent;
        synchronized (route) {
            before = route.last;
            sent = turn.thenCompose(ignored -> hops(route, request)).thenApply(where -> {
                try {
                    if (where.isEmpty()) {
                        return send.send(request, ct -> {});
                    }
                    @SuppressWarnings("unchecked") // Attempts returns what send gave
                    T t = (T) new Attempts(route, request, where, send, tracking).start();
                    return t;
                } catch (SipException e) {
                    forget(route);
                    throw new CompletionException(e);
                }
            });
            route.last = sent;
        }
        before.whenComplete((ignored, failed) -> turn.complete(Boolean.TRUE));
        sent.whenComplete((ignored, failed) -> {
            if (failed != null) {
                LOG.warn(
                        "{} in dialog {} not sent: {}",
                        request.getMethod(),
                        callId(request),
                        String.valueOf(failed instanceof CompletionException ? failed.getCause() : failed));
            }
        });
        return sent;
    }

    /** No server took a request: the next one looks the target up again and starts at its first server. */
    private static void forget(Route route) {
        synchronized (route) {
            route.target = "";
            route.current = 0;
        }
    }

    /** The dialog's {@link Route}, made on its first request. */
    private synchronized Route route(Dialog dialog) {
        if (dialog.getApplicationData() instanceof Route r) {
            return r;
        }
        Route r = new Route();
        dialog.setApplicationData(r);
        return r;
    }

    /**
     * Where {@code request} may go, in order: the dialog's flow while it is open; else nothing
     * (jain-sip's own routing) for a next hop that is an address, or the servers RFC 3263 finds
     * for it (§4.1-4.2) from the dialog's current one on.
     */
    private CompletableFuture<List<NextHop>> hops(Route route, Request request) {
        synchronized (route) {
            if (route.flow.filter(flows::isOpen).isPresent()) {
                return CompletableFuture.completedFuture(List.of(route.flow.get()));
            }
        }
        javax.sip.address.URI next = request.getHeader(RouteHeader.NAME) instanceof RouteHeader top
                ? top.getAddress().getURI()
                : request.getRequestURI();
        if (!(next instanceof SipURI uri) || ServerSelection.isAddress(uri.getHost())) {
            return CompletableFuture.completedFuture(List.of());
        }
        Optional<String> transport = Optional.ofNullable(uri.getTransportParam());
        String target =
                (uri.isSecure() ? "sips:" : "sip:") + uri.getHost() + ":" + uri.getPort() + ";" + transport.orElse("");
        synchronized (route) {
            if (!target.equals(route.target) || route.servers.isCompletedExceptionally()) {
                route.target = target;
                route.current = 0;
                route.servers = locator.locate(uri.getHost(), uri.getPort(), transport, uri.isSecure())
                        .thenApply(hops -> {
                            if (hops.isEmpty()) {
                                throw new CompletionException(
                                        new SipException(uri.getHost() + " has no server in DNS"));
                            }
                            LOG.info(
                                    "located {} for a dialog of the focus: {}",
                                    uri.getHost(),
                                    hops.stream()
                                            .map(h -> h.transport() + " " + h.host() + ":" + h.port())
                                            .toList());
                            return List.copyOf(hops);
                        });
            }
            CompletableFuture<List<NextHop>> servers = route.servers;
            return servers.thenApply(hops -> {
                synchronized (route) {
                    return hops.subList(Math.min(route.current, hops.size() - 1), hops.size());
                }
            });
        }
    }

    /** The same request with a new Via branch: a new transaction (RFC 3263 §4.3). */
    private static Request fresh(Request sent) {
        Request copy = (Request) sent.clone();
        try {
            ((ViaHeader) copy.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK" + Tags.next());
        } catch (ParseException e) {
            throw new IllegalStateException("a branch of hex digits is valid", e);
        }
        return copy;
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
