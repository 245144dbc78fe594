package dev.parley.proxy.sip;

import dev.parley.proxy.dns.ServerLocator;
import dev.parley.proxy.routing.NextHop;
import dev.parley.proxy.routing.ServerSelection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The focus's own requests inside its dialogs (RFC 3261 §12.2.1.1): BYE, re-INVITE, NOTIFY and
 * the ACK of a 2xx. Each goes to the dialog's next hop, its first route or else its remote
 * target; one named by a host name is located by RFC 3263 ({@link ServerLocator}, {@code
 * --dns-server}) as the proxy locates what it forwards, and the request is pinned to the first
 * server DNS gives ({@link FlowRouter}): jain-sip's dialog layer alone would ask the system's
 * resolver. A dialog looks its next hop up once and keeps it while the target stays the same. A
 * dialog whose peer is on a connection it opened (TCP, TLS) sends over that connection while it
 * is open, whatever the Contact names ({@link #overFlow}). A next hop that is an address needs no
 * lookup, and the request goes at once on the calling thread. A dialog's requests leave in the
 * order they were given: those given while its lookup runs go after it, from the DNS thread.
 */
final class DialogRequests {
    private static final Logger LOG = LoggerFactory.getLogger(DialogRequests.class);

    /** Sends one request once its next hop is known. */
    private interface Send<T> {
        T send() throws SipException;
    }

    /**
     * What a dialog carries as its application data: the target last located (host, port,
     * transport), its server, and the dialog's last request, the next one's turn. Guarded by
     * itself.
     */
    private static final class Route {
        private Optional<NextHop> flow = Optional.empty();
        private String target = "";
        private CompletableFuture<NextHop> hop = CompletableFuture.failedFuture(new SipException("not located"));
        private CompletableFuture<?> last = CompletableFuture.completedFuture(Boolean.TRUE);
    }

    private final ServerLocator locator;
    private final FlowTracker flows;

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
        return send(provider, dialog, request, ct -> {});
    }

    /**
     * Sends {@code request}, made by {@code dialog}, in a new client transaction; {@code sending}
     * sees the transaction before it goes out, so that its answer finds it. The result completes
     * when the request went out, or with why it did not (logged here).
     */
    CompletableFuture<ClientTransaction> send(
            SipProvider provider, Dialog dialog, Request request, Consumer<ClientTransaction> sending) {
        return inTurn(dialog, request, () -> {
            ClientTransaction ct = provider.getNewClientTransaction(request);
            sending.accept(ct);
            dialog.sendRequest(ct);
            return ct;
        });
    }

    /** Sends the ACK of a 2xx, made by {@code dialog.createAck} (RFC 3261 §13.2.2.4). */
    CompletableFuture<Dialog> ack(Dialog dialog, Request ack) {
        return inTurn(dialog, ack, () -> {
            dialog.sendAck(ack);
            return dialog;
        });
    }

    private <T> CompletableFuture<T> inTurn(Dialog dialog, Request request, Send<T> send) {
        Route route = route(dialog);
        // This request's turn comes when the one before it is out (or failed: that holds no later
        // one up). The turn is given outside the lock, so nothing is sent while holding it.
        CompletableFuture<Boolean> turn = new CompletableFuture<>();
        CompletableFuture<?> before;
        CompletableFuture<T> sent;
        synchronized (route) {
            before = route.last;
            sent = turn.thenCompose(ignored -> hop(route, request)).thenApply(where -> {
                where.ifPresent(h -> FlowRouter.pin(request, h));
                try {
                    return send.send();
                } catch (SipException e) {
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
                        ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
                        String.valueOf(failed instanceof CompletionException ? failed.getCause() : failed));
            }
        });
        return sent;
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
     * Where {@code request} goes: the dialog's flow while it is open; else empty (jain-sip's own
     * routing) for a next hop that is an address, or the server RFC 3263 finds for it first
     * (§4.1-4.2).
     */
    private CompletableFuture<Optional<NextHop>> hop(Route route, Request request) {
        synchronized (route) {
            if (route.flow.filter(flows::isOpen).isPresent()) {
                return CompletableFuture.completedFuture(route.flow);
            }
        }
        javax.sip.address.URI next = request.getHeader(RouteHeader.NAME) instanceof RouteHeader top
                ? top.getAddress().getURI()
                : request.getRequestURI();
        if (!(next instanceof SipURI uri) || ServerSelection.isAddress(uri.getHost())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Optional<String> transport = Optional.ofNullable(uri.getTransportParam());
        String target =
                (uri.isSecure() ? "sips:" : "sip:") + uri.getHost() + ":" + uri.getPort() + ";" + transport.orElse("");
        synchronized (route) {
            if (!target.equals(route.target) || route.hop.isCompletedExceptionally()) {
                route.target = target;
                route.hop = locator.locate(uri.getHost(), uri.getPort(), transport, uri.isSecure())
                        .thenApply(hops -> {
                            if (hops.isEmpty()) {
                                throw new CompletionException(
                                        new SipException(uri.getHost() + " has no server in DNS"));
                            }
                            NextHop first = hops.get(0);
                            LOG.info(
                                    "located {} for a dialog of the focus: {} {}:{}",
                                    uri.getHost(),
                                    first.transport(),
                                    first.host(),
                                    first.port());
                            return first;
                        });
            }
            return route.hop.thenApply(Optional::of);
        }
    }
}
