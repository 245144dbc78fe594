package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.Metrics;
import dev.parley.proxy.routing.ResponseContext;
import dev.parley.proxy.routing.ResponseContext.Decision;
import dev.parley.proxy.routing.ResponseContext.Send;
import java.time.Duration;
import java.util.ListIterator;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request on the wire: its server transaction, a client transaction per branch,
 * and the {@link ResponseContext} that decides; this class only carries the decisions out. Every
 * event comes in under this object's lock (jain-sip calls from several threads).
 */
final class ProxyCall {
    private static final Logger LOG = LoggerFactory.getLogger("proxy");

    /** What a client transaction's application data points at. */
    record Branch(ProxyCall call, int index) {}

    private final SipContext sip;
    private final SipProvider provider;
    private final ServerTransaction server;
    private final Request request;
    private final String key;
    private final Metrics metrics;
    private final Runnable whenDone;
    private final ResponseContext context;
    private final @Nullable ClientTransaction[] clients;
    private final @Nullable Response[] last;
    private final long started = System.nanoTime();
    private @Nullable ScheduledFuture<?> ringTimer;
    private boolean finished;
    private boolean released;

    ProxyCall(
            SipContext sip,
            SipProvider provider,
            ServerTransaction server,
            Request request,
            String key,
            int branches,
            Metrics metrics,
            Runnable whenDone) {
        this.sip = sip;
        this.provider = provider;
        this.server = server;
        this.request = request;
        this.key = key;
        this.metrics = metrics;
        this.whenDone = whenDone;
        this.context = new ResponseContext(branches);
        this.clients = new ClientTransaction[branches];
        this.last = new Response[branches];
    }

    String key() {
        return key;
    }

    boolean isInvite() {
        return Request.INVITE.equals(request.getMethod());
    }

    /** An INVITE outside a dialog: a call being set up (a re-INVITE is not counted or logged as one). */
    boolean isNewCall() {
        return isInvite() && !SipParties.hasToTag(request);
    }

    /**
     * Sends every branch's request, all under the lock so that no response is handled before
     * every branch exists; a branch without a transaction (null) or that cannot be sent
     * completes with 503.
     */
    synchronized void start(java.util.List<java.util.Optional<ClientTransaction>> branches) {
        for (int i = 0; i < branches.size(); i++) {
            ClientTransaction ct = branches.get(i).orElse(null);
            if (ct != null) {
                clients[i] = ct;
                ct.setApplicationData(new Branch(this, i));
            }
        }
        for (int i = 0; i < branches.size(); i++) {
            ClientTransaction ct = clients[i];
            if (ct == null) {
                apply(context.finalResponse(i, 503, true));
                continue;
            }
            try {
                ct.sendRequest();
            } catch (SipException | RuntimeException e) {
                LOG.debug("branch {} of {} not sent: {}", i, key, e.toString());
                apply(context.finalResponse(i, 503, true));
            }
        }
    }

    synchronized void ringTimer(ScheduledFuture<?> timer) {
        this.ringTimer = timer;
    }

    synchronized void response(int i, Response response) {
        int status = response.getStatusCode();
        last[i] = response;
        apply(status < 200 ? context.provisional(i, status) : context.finalResponse(i, status, false));
    }

    /** No response in time (Timer B/F) or the transaction ended without one. */
    synchronized void noResponse(int i) {
        apply(context.finalResponse(i, 408, true));
    }

    /** CANCEL from upstream (RFC 3261 §16.10). */
    synchronized void cancel() {
        apply(context.cancel());
    }

    synchronized void ringTimeout() {
        apply(context.ringTimeout());
    }

    private void apply(Decision d) {
        Send send = d.send();
        int sent = -1;
        if (send instanceof Send.Forward f && last[f.branch()] != null) {
            sent = forward(last[f.branch()], false);
        } else if (send instanceof Send.ForwardLate f && last[f.branch()] != null) {
            sent = forward(last[f.branch()], true);
        } else if (send instanceof Send.Answer a) {
            answer(a.status(), a.reason());
            sent = a.status();
        }
        for (int b : d.cancel()) {
            cancelBranch(b);
        }
        if (sent >= 200 && !finished) {
            finished = true;
            finish(sent);
        }
        if (context.done() && !released) {
            released = true;
            whenDone.run();
        }
    }

    private void finish(int status) {
        ScheduledFuture<?> timer = ringTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        metrics.proxyFinal(status);
        if (isNewCall()) {
            LOG.info(
                    "call {} -> {}: {} ({} branch{}, {} ms)",
                    SipParties.aor(request),
                    request.getRequestURI(),
                    status,
                    context.branches(),
                    context.branches() == 1 ? "" : "es",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /** §16.7 step 9: our Via off, then up in the server transaction (or statelessly for a late 2xx). */
    private int forward(Response response, boolean stateless) {
        Response up = (Response) response.clone();
        up.removeFirst(ViaHeader.NAME);
        int status = up.getStatusCode();
        if (status == 401 || status == 407) {
            collectChallenges(up);
        }
        try {
            if (stateless) {
                provider.sendResponse(up);
            } else {
                server.sendResponse(up);
            }
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not forward {} for {}: {}", status, key, e.toString());
            if (status >= 200 && !stateless) {
                try {
                    provider.sendResponse(up);
                } catch (SipException | RuntimeException again) {
                    LOG.warn("nor statelessly: {}", again.toString());
                }
            }
        }
        return status;
    }

    /** §16.7 step 7: a 401/407 going up carries the challenges of every 401/407 branch. */
    private void collectChallenges(Response up) {
        for (Response other : last) {
            if (other == null || other.getStatusCode() != 401 && other.getStatusCode() != 407) {
                continue;
            }
            for (String name : new String[] {WWWAuthenticateHeader.NAME, ProxyAuthenticateHeader.NAME}) {
                ListIterator<?> it = other.getHeaders(name);
                while (it.hasNext()) {
                    javax.sip.header.Header h = (javax.sip.header.Header) it.next();
                    if (!containsHeader(up, name, h)) {
                        up.addHeader((javax.sip.header.Header) h.clone());
                    }
                }
            }
        }
    }

    private static boolean containsHeader(Response r, String name, javax.sip.header.Header h) {
        ListIterator<?> it = r.getHeaders(name);
        while (it.hasNext()) {
            if (it.next().equals(h)) {
                return true;
            }
        }
        return false;
    }

    private void answer(int status, String reason) {
        try {
            server.sendResponse(sip.response(status, reason, request));
        } catch (java.text.ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not answer {} for {}: {}", status, key, e.toString());
        }
    }

    private void cancelBranch(int b) {
        ClientTransaction ct = clients[b];
        if (ct == null) {
            return;
        }
        try {
            Request cancel = ct.createCancel();
            provider.getNewClientTransaction(cancel).sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.debug("CANCEL of branch {} of {}: {}", b, key, e.toString());
        }
    }
}
