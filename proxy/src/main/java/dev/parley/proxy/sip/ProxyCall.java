package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.Metrics;
import dev.parley.proxy.routing.ResponseContext;
import dev.parley.proxy.routing.ResponseContext.Decision;
import dev.parley.proxy.routing.ResponseContext.Send;
import java.time.Duration;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * One proxied request on the wire: its server transaction, a client transaction per started
 * branch, the timers (the group's ring time, Timer C per INVITE branch, RFC 3261 §16.6 step 11)
 * and the {@link ResponseContext} that decides; this class only carries the decisions out. Every
 * event comes in under this object's lock (jain-sip and the timers call from several threads).
 */
final class ProxyCall {
    private static final Logger LOG = LoggerFactory.getLogger("proxy");

    /** What a client transaction's application data points at. */
    record Branch(ProxyCall call, int index) {}

    /**
     * The timers of a proxied INVITE: how long one group of branches rings ({@code ring}) and
     * Timer C ({@code timerC}), restarted by every provisional response but 100.
     */
    record Timers(ScheduledExecutorService executor, Duration ring, Duration timerC) {}

    /** How long a branch cancelled by Timer C may take to send its final response (64*T1, §16.8). */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(32);

    private final SipContext sip;
    private final SipProvider provider;
    private final ServerTransaction server;
    private final Request request;
    private final String key;
    private final Metrics metrics;
    private final Timers timers;
    private final Runnable whenDone;
    private final ResponseContext context;
    private final List<Optional<Request>> outgoing;
    private final List<List<Request>> fallbacks;
    /** Per branch: 0 while its own request is out, then the number of the fallback in use. */
    private final int[] attempt;

    private final boolean[] cancelled;
    /** Inside {@link #send}: jain-sip may report the failing transaction's end from within it. */
    private boolean sending;

    private final @Nullable ClientTransaction[] clients;
    private final @Nullable Response[] last;
    /** Per branch: the response last sent up, which went without our Via (see {@link #forward}). */
    private final @Nullable Response[] forwarded;

    private final @Nullable ScheduledFuture<?>[] timerC;
    private final long started = System.nanoTime();
    private @Nullable ScheduledFuture<?> ringTimer;
    private boolean finished;
    private boolean released;

    /**
     * A proxied request whose branches are {@code outgoing} (empty: the copy could not be
     * made, the branch completes with 503), tried in {@code context}'s groups. A branch whose
     * request cannot be sent, or whose transaction ends without any response, is sent again as
     * its next request in {@code fallbacks} (the device's other flows, RFC 5626 §5.3) before it
     * completes with 503 or 408.
     */
    ProxyCall(
            SipContext sip,
            SipProvider provider,
            ServerTransaction server,
            Request request,
            String key,
            ResponseContext context,
            List<Optional<Request>> outgoing,
            List<List<Request>> fallbacks,
            Metrics metrics,
            Timers timers,
            Runnable whenDone) {
        if (outgoing.size() != context.branches() || fallbacks.size() != context.branches()) {
            throw new IllegalArgumentException(outgoing.size() + " requests for " + context.branches() + " branches");
        }
        this.sip = sip;
        this.provider = provider;
        this.server = server;
        this.request = request;
        this.key = key;
        this.metrics = metrics;
        this.timers = timers;
        this.whenDone = whenDone;
        this.context = context;
        this.outgoing = List.copyOf(outgoing);
        this.fallbacks = fallbacks.stream().map(List::copyOf).toList();
        this.attempt = new int[outgoing.size()];
        this.cancelled = new boolean[outgoing.size()];
        this.clients = new ClientTransaction[outgoing.size()];
        this.last = new Response[outgoing.size()];
        this.forwarded = new Response[outgoing.size()];
        this.timerC = new ScheduledFuture<?>[outgoing.size()];
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

    /** Sends the first group's branches. */
    synchronized void start() {
        apply(context.start());
    }

    synchronized void response(int i, Response response) {
        int status = response.getStatusCode();
        last[i] = response;
        if (status > 100 && status < 200 && !context.completed(i)) {
            armTimerC(i, timers.timerC());
        }
        apply(status < 200 ? context.provisional(i, status) : context.finalResponse(i, status, false));
    }

    /**
     * No response in time (Timer B/F) or the transaction ended without one: a branch that never
     * heard from its target takes its next fallback, if any. {@code ct} is the transaction that
     * ended: one the branch already moved on from is no news.
     */
    synchronized void noResponse(int i, ClientTransaction ct) {
        if (sending || clients[i] != ct || context.completed(i)) {
            return;
        }
        if (last[i] == null
                && !cancelled[i]
                && !finished
                && attempt[i] < fallbacks.get(i).size()) {
            attempt[i]++;
            if (send(i)) {
                return;
            }
        }
        apply(context.finalResponse(i, 408, true));
    }

    /** CANCEL from upstream (RFC 3261 §16.10). */
    synchronized void cancel() {
        apply(context.cancel());
    }

    private synchronized void ringTimeout(int group) {
        apply(context.ringTimeout(group));
    }

    private synchronized void timerCFired(int i) {
        apply(context.timerC(i));
        if (!context.completed(i)) {
            // Cancelled: the branch has 64*T1 for its 487 before it counts as 408 (§16.8).
            armTimerC(i, CANCEL_GRACE);
        }
    }

    private void armTimerC(int i, Duration after) {
        ScheduledFuture<?> old = timerC[i];
        if (old != null) {
            old.cancel(false);
        }
        timerC[i] = timers.executor().schedule(() -> timerCFired(i), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void apply(Decision d) {
        Send send = d.send();
        int sent = -1;
        if (send instanceof Send.Forward f && last[f.branch()] != null) {
            sent = forward(f.branch(), false);
        } else if (send instanceof Send.ForwardLate f && last[f.branch()] != null) {
            sent = forward(f.branch(), true);
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
        if (!d.start().isEmpty()) {
            startGroup(d.start());
        }
        if (context.done() && !released) {
            released = true;
            for (ScheduledFuture<?> t : timerC) {
                if (t != null) {
                    t.cancel(false);
                }
            }
            whenDone.run();
        }
    }

    /**
     * Sends one group's branches, each request in its own client transaction; the group's ring
     * time and each branch's Timer C start now. A branch that cannot be sent completes with 503.
     */
    private void startGroup(List<Integer> branches) {
        if (isInvite()) {
            ScheduledFuture<?> old = ringTimer;
            if (old != null) {
                old.cancel(false);
            }
            int group = context.group();
            ringTimer = timers.executor()
                    .schedule(() -> ringTimeout(group), timers.ring().toMillis(), TimeUnit.MILLISECONDS);
        }
        for (int i : GroupSend.unsent(branches, this::send)) {
            apply(context.finalResponse(i, 503, true));
        }
    }

    /**
     * Sends branch {@code i}'s current request in a new client transaction; when that fails, its
     * next fallbacks in turn. Whether one went out.
     */
    private boolean send(int i) {
        sending = true;
        try {
            return sendOrFallBack(i);
        } finally {
            sending = false;
        }
    }

    private boolean sendOrFallBack(int i) {
        while (true) {
            Optional<Request> out = attempt[i] == 0
                    ? outgoing.get(i)
                    : Optional.of(fallbacks.get(i).get(attempt[i] - 1));
            try {
                if (out.isEmpty()) {
                    throw new SipException("no request for this target");
                }
                ClientTransaction ct = provider.getNewClientTransaction(out.get());
                ct.setApplicationData(new Branch(this, i));
                clients[i] = ct;
                if (isInvite()) {
                    armTimerC(i, timers.timerC());
                }
                ct.sendRequest();
                if (attempt[i] > 0) {
                    LOG.info("branch {} of {}: sent over the device's other flow ({})", i, key, attempt[i]);
                }
                return true;
            } catch (SipException | RuntimeException e) {
                LOG.debug("branch {} of {} not sent: {}", i, key, e.toString());
                if (attempt[i] >= fallbacks.get(i).size()) {
                    return false;
                }
                attempt[i]++;
            }
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
                    "call {} -> {}: {} ({} branch{}{}, {} ms)",
                    SipParties.aor(request),
                    request.getRequestURI(),
                    status,
                    context.branches(),
                    context.branches() == 1 ? "" : "es",
                    context.group() > 0 ? ", tried in " + (context.group() + 1) + " groups" : "",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /**
     * §16.7 step 9: our Via off, then up in the server transaction (or statelessly for a late
     * 2xx). The response as received goes up itself, not a copy: nothing reads it after this but
     * the status and, for a 401/407, its challenges. A response already sent up has lost our Via
     * and is sent as it is.
     */
    private int forward(int branch, boolean stateless) {
        Response up = Objects.requireNonNull(last[branch]);
        if (forwarded[branch] != up) {
            up.removeFirst(ViaHeader.NAME);
            forwarded[branch] = up;
        }
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
            if (other == null || other == up || other.getStatusCode() != 401 && other.getStatusCode() != 407) {
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
        cancelled[b] = true;
        ClientTransaction ct = clients[b];
        if (ct != null) {
            sendCancel(provider, ct, "branch " + b + " of " + key);
        }
    }

    /** CANCEL for the INVITE of {@code ct} (RFC 3261 §9.1), in its own transaction; a failure is logged. */
    static void sendCancel(SipProvider provider, ClientTransaction ct, String what) {
        try {
            provider.getNewClientTransaction(ct.createCancel()).sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.debug("CANCEL of {}: {}", what, e.toString());
        }
    }
}
