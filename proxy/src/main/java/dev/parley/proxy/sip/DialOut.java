package dev.parley.proxy.sip;

import dev.parley.proxy.routing.NextHop;
import dev.parley.proxy.routing.ResponseContext;
import dev.parley.proxy.routing.ResponseContext.Decision;
import dev.parley.proxy.routing.ResponseContext.Send;
import dev.parley.proxy.routing.Target;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dial-out of the focus (RFC 4579 §5.5) on the wire: an INVITE per target, each in its own
 * transaction and dialog, in groups tried one after another as the proxy forks ({@link
 * ResponseContext}, RFC 3261 §16.6): a user's contacts of equal q ring together and a lower q only
 * when all of the higher one failed (4xx-6xx but 6xx, which ends the search, no answer, or
 * {@code ring} run out), or a domain's servers in turn while they cannot be reached (RFC 3263
 * §4.3). The first 2xx wins and the other ringing targets are cancelled; a 2xx that comes after
 * it is the {@link Outcome}'s to end. A target's request that cannot be sent, or whose transaction
 * ends without any response, goes over the target's fallbacks in turn (the device's other SIP
 * Outbound flows, RFC 5626 §5.3) before the target counts as 503 or 408. Every event comes in under
 * this object's lock, as in {@link ProxyCall}.
 */
final class DialOut {
    private static final Logger LOG = LoggerFactory.getLogger(DialOut.class);

    /** What a dial-out's client transaction's entry in the registry points at. */
    record Branch(DialOut call, int index) {}

    /** Makes the INVITE for one target (its own Call-ID, pinned to its flow). */
    interface Invites {
        Request to(Target target) throws ParseException, InvalidArgumentException;
    }

    /** What the focus does with the dial-out's result. */
    interface Outcome {
        /** A provisional response other than 100, as its status line. */
        void progress(String statusLine);

        /** The first 2xx, in {@code dialog}, from {@code target} (the flow the INVITE took). */
        void answered(Dialog dialog, Response ok, Target target);

        /** A 2xx after the first: the call is answered elsewhere already. */
        void answeredLate(Dialog dialog, Response ok);

        /** Nobody answered: the status line the search ended with. */
        void failed(String statusLine);
    }

    /** How long a cancelled INVITE may take to send its final response (64*T1, RFC 3261 §9.1). */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(32);

    private final SipProvider provider;
    private final String who;
    private final List<Target> targets;
    private final ResponseContext context;
    private final ResponseContext.Advance advance;
    private final Invites invites;
    private final Map<ClientTransaction, Branch> registry;
    private final ScheduledExecutorService timers;
    private final Duration ring;
    private final Outcome outcome;
    /** Per branch: 0 while its own target is tried, then the number of the fallback in use. */
    private final int[] attempt;

    private final boolean[] cancelled;
    private final @Nullable ClientTransaction[] clients;
    private final @Nullable Dialog[] dialogs;
    private final @Nullable Response[] last;
    private @Nullable ScheduledFuture<?> ringTimer;
    private boolean released;

    /**
     * A dial-out to {@code who} over {@code groups} of targets tried as {@code advance} says;
     * {@code registry} maps each of its client transactions to its branch while the dial-out
     * lasts, and a group rings at most {@code ring}.
     */
    DialOut(
            SipProvider provider,
            String who,
            List<List<Target>> groups,
            ResponseContext.Advance advance,
            Invites invites,
            Map<ClientTransaction, Branch> registry,
            ScheduledExecutorService timers,
            Duration ring,
            Outcome outcome) {
        this.provider = provider;
        this.who = who;
        this.targets = groups.stream().flatMap(List::stream).toList();
        this.context = new ResponseContext(groups.stream().map(List::size).toList(), advance);
        this.advance = advance;
        this.invites = invites;
        this.registry = registry;
        this.timers = timers;
        this.ring = ring;
        this.outcome = outcome;
        int n = targets.size();
        this.attempt = new int[n];
        this.cancelled = new boolean[n];
        this.clients = new ClientTransaction[n];
        this.dialogs = new Dialog[n];
        this.last = new Response[n];
    }

    /** Sends the first group's INVITEs. */
    synchronized void start() {
        apply(context.start());
    }

    /** A response to branch {@code i}'s INVITE in {@code ct}. */
    synchronized void response(int i, ClientTransaction ct, Response response) {
        if (clients[i] != ct) {
            return;
        }
        int status = response.getStatusCode();
        last[i] = response;
        apply(status < 200 ? context.provisional(i, status) : context.finalResponse(i, status, false));
    }

    /**
     * Branch {@code i}'s INVITE in {@code ct} got no response at all (Timer B): its next fallback,
     * if it has one, else it counts as 408.
     */
    synchronized void noResponse(int i, ClientTransaction ct) {
        if (clients[i] != ct || context.completed(i)) {
            return;
        }
        if (last[i] == null
                && !cancelled[i]
                && !context.finalSent()
                && attempt[i] < targets.get(i).fallbacks().size()) {
            attempt[i]++;
            if (send(i)) {
                return;
            }
        }
        apply(context.finalResponse(i, 408, true));
    }

    private synchronized void ringTimeout(int group) {
        apply(context.ringTimeout(group));
    }

    private void apply(Decision d) {
        Send send = d.send();
        if (send instanceof Send.Forward f && last[f.branch()] != null) {
            Response r = last[f.branch()];
            Dialog dialog = dialogs[f.branch()];
            if (r.getStatusCode() < 200) {
                outcome.progress(statusLine(r));
            } else if (r.getStatusCode() < 300 && dialog != null) {
                stopRinging();
                outcome.answered(dialog, r, tried(f.branch()));
            } else {
                outcome.failed(statusLine(r));
            }
        } else if (send instanceof Send.ForwardLate f && last[f.branch()] != null) {
            Dialog dialog = dialogs[f.branch()];
            if (dialog != null) {
                outcome.answeredLate(dialog, last[f.branch()]);
            }
        } else if (send instanceof Send.Answer a) {
            outcome.failed("SIP/2.0 " + a.status() + " " + a.reason());
        }
        for (int b : d.cancel()) {
            cancel(b);
        }
        if (context.finalSent()) {
            stopRinging();
        }
        if (!d.start().isEmpty()) {
            startGroup(d.start());
        }
        if (context.done() && !released) {
            released = true;
            for (ClientTransaction ct : clients) {
                if (ct != null) {
                    registry.remove(ct);
                }
            }
        }
    }

    /** Sends one group's INVITEs; its ring time starts now. One that cannot be sent counts as 503. */
    private void startGroup(List<Integer> branches) {
        stopRinging();
        int group = context.group();
        ringTimer = timers.schedule(() -> ringTimeout(group), ring.toMillis(), TimeUnit.MILLISECONDS);
        for (int i : GroupSend.unsent(branches, this::send)) {
            apply(context.finalResponse(i, 503, true));
        }
    }

    private void stopRinging() {
        ScheduledFuture<?> timer = ringTimer;
        if (timer != null) {
            timer.cancel(false);
            ringTimer = null;
        }
    }

    /** The target or fallback branch {@code i} tries now. */
    private Target tried(int i) {
        Target t = targets.get(i);
        return attempt[i] == 0 ? t : t.fallbacks().get(attempt[i] - 1);
    }

    /**
     * Sends branch {@code i}'s INVITE to its current target in a new transaction and dialog; when
     * that fails, to its next fallbacks in turn. Whether one went out.
     */
    private boolean send(int i) {
        while (true) {
            Target to = tried(i);
            try {
                Request invite = invites.to(to);
                ClientTransaction ct = provider.getNewClientTransaction(invite);
                ClientTransaction before = clients[i];
                if (before != null) {
                    registry.remove(before);
                }
                clients[i] = ct;
                dialogs[i] = provider.getNewDialog(ct);
                registry.put(ct, new Branch(this, i));
                ct.sendRequest();
                LOG.info(
                        "dial-out to {}: {}, {}",
                        who,
                        why(i),
                        to.flow().map(NextHop::toString).orElse(to.uri()));
                return true;
            } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
                LOG.info("dial-out to {}: INVITE to {} not sent: {}", who, to.uri(), e.toString());
                if (attempt[i] >= targets.get(i).fallbacks().size()) {
                    return false;
                }
                attempt[i]++;
            }
        }
    }

    /** Why branch {@code i}'s INVITE goes where it goes, for the log. */
    private String why(int i) {
        if (attempt[i] > 0) {
            return "the device's other flow";
        }
        if (context.group() == 0) {
            return "INVITE";
        }
        return advance == ResponseContext.Advance.ON_UNREACHABLE ? "the next server" : "the next q";
    }

    /**
     * CANCEL for branch {@code b}; a branch still without its final response 64*T1 later counts
     * as 408, its transaction as destroyed (RFC 3261 §9.1).
     */
    private void cancel(int b) {
        cancelled[b] = true;
        ClientTransaction ct = clients[b];
        if (ct == null) {
            return;
        }
        ProxyCall.sendCancel(provider, ct, "the dial-out to " + who + " (" + b + ")");
        timers.schedule(() -> cancelUnanswered(b, ct), CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void cancelUnanswered(int b, ClientTransaction ct) {
        if (clients[b] == ct && !context.completed(b)) {
            apply(context.finalResponse(b, 408, true));
        }
    }

    private static String statusLine(Response r) {
        return "SIP/2.0 " + r.getStatusCode() + " " + r.getReasonPhrase();
    }
}
