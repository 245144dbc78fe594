package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.Metrics;
import dev.parley.registrar.auth.AuthOutcome;
import dev.parley.registrar.auth.Authenticator;
import dev.parley.registrar.digest.DigestAlgorithm;
import dev.parley.registrar.location.Binding;
import dev.parley.registrar.location.RegisterDecision;
import dev.parley.registrar.location.RegisterRequest;
import dev.parley.registrar.location.Registrar;
import dev.parley.registrar.store.BindingStore;
import dev.parley.registrar.store.StoreException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REGISTER path, in order: map the message (400/416), RFC 3261 §10.3 steps 1-2, digest
 * authentication (401/403), then steps 4-8 in one store transaction, and the response. One log
 * line per REGISTER that is not a plain first challenge.
 */
final class RegisterService {
    private static final Logger LOG = LoggerFactory.getLogger("register");

    private final SipContext sip;
    private final Registrar registrar;
    private final Authenticator auth;
    private final BindingStore bindings;
    private final Metrics metrics;
    private final Responder responder;
    private final Executor replies;
    private final Clock clock;
    private final DigestChallenges challenges;

    RegisterService(
            SipContext sip,
            Registrar registrar,
            Authenticator auth,
            BindingStore bindings,
            Metrics metrics,
            Responder responder,
            Executor replies,
            Clock clock,
            List<DigestAlgorithm> challenged) {
        this.sip = sip;
        this.registrar = registrar;
        this.auth = auth;
        this.bindings = bindings;
        this.metrics = metrics;
        this.responder = responder;
        this.replies = replies;
        this.clock = clock;
        this.challenges = new DigestChallenges(sip, auth, challenged);
    }

    void handle(SipProvider provider, @Nullable ServerTransaction tx, Request request, long arrivedNanos)
            throws ParseException, InvalidArgumentException {
        Instant now = clock.instant();
        String source = RegisterMapper.flow(request).sourceHost();
        RegisterRequest register;
        try {
            register = RegisterMapper.map(request);
        } catch (BadRequestException e) {
            finish(
                    provider,
                    tx,
                    response(e.status(), e.reason(), request),
                    Duration.ZERO,
                    arrivedNanos,
                    "REGISTER from " + source + ": " + e.getMessage());
            return;
        }
        String what = "REGISTER " + registrar.aorOf(register) + " from " + source + ":"
                + register.flow().sourcePort() + "/" + register.flow().transport();
        Optional<RegisterDecision.Rejected> early = registrar.precheck(register);
        if (early.isPresent()) {
            reject(provider, tx, request, early.get(), arrivedNanos, what);
            return;
        }
        AuthOutcome outcome;
        try {
            outcome = auth.authenticate(
                    Request.REGISTER,
                    RegisterMapper.credentials(request, auth.realm()),
                    source,
                    now,
                    register.callId() + " " + register.cseq());
        } catch (StoreException e) {
            storeFailed(provider, tx, request, arrivedNanos, what, e);
            return;
        }
        if (!(outcome instanceof AuthOutcome.Authenticated ok)) {
            challengeOrRefuse(provider, tx, request, outcome, now, arrivedNanos, what);
            return;
        }
        // The store answers once the decision is committed (durable before the 200 leaves); this
        // thread goes back to the stack meanwhile.
        bindings.updateAsync(
                        registrar.aorOf(register), stored -> registrar.decide(register, ok.username(), stored, now))
                .whenCompleteAsync(
                        (decision, failure) -> {
                            try {
                                if (failure != null) {
                                    storeFailed(provider, tx, request, arrivedNanos, what, failure);
                                } else {
                                    answer(provider, tx, request, decision, now, arrivedNanos, what);
                                }
                            } catch (ParseException | InvalidArgumentException | RuntimeException e) {
                                LOG.warn("{}: no answer ({})", what, e.toString());
                            }
                        },
                        replies);
    }

    private void answer(
            SipProvider provider,
            @Nullable ServerTransaction tx,
            Request request,
            RegisterDecision decision,
            Instant now,
            long arrivedNanos,
            String what)
            throws ParseException, InvalidArgumentException {
        if (decision instanceof RegisterDecision.Rejected r) {
            reject(provider, tx, request, r, arrivedNanos, what);
            return;
        }
        RegisterDecision.Accepted accepted = (RegisterDecision.Accepted) decision;
        Response ok = response(Response.OK, "OK", request);
        for (Binding b : accepted.bindings()) {
            ContactHeader contact =
                    sip.headers().createContactHeader(sip.addresses().createAddress(b.contactUri()));
            contact.setExpires((int) b.remainingSeconds(now));
            if (b.q().isPresent()) {
                contact.setQValue(b.q().get() / 1000f);
            }
            if (b.outbound().isPresent()) {
                // RFC 5626 §6: the phone tells its flows apart by these.
                contact.setParameter(
                        "reg-id", Integer.toString(b.outbound().get().regId()));
                contact.setParameter("+sip.instance", "\"" + b.outbound().get().instance() + "\"");
            }
            ok.addHeader(contact);
        }
        if (accepted.flowTimer().isPresent()) {
            // RFC 5626 §6: the registrar applied outbound; §10.2: how often the phone should ping.
            ok.addHeader(sip.headers().createRequireHeader("outbound"));
            ok.addHeader(sip.headers()
                    .createHeader(
                            "Flow-Timer",
                            Long.toString(accepted.flowTimer().get().toSeconds())));
        }
        Calendar date = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
        date.setTimeInMillis(now.toEpochMilli());
        ok.addHeader(sip.headers().createDateHeader(date));
        finish(provider, tx, ok, Duration.ZERO, arrivedNanos, registeredLine(what, accepted));
    }

    /**
     * The log line of a 200: a contact added or removed is an event worth a line; a refresh
     * that only moves expiries (most REGISTERs, every few minutes per phone) is logged at DEBUG,
     * as Kamailio and Asterisk keep refreshes out of their normal logs. Empty when not at INFO.
     */
    private static String registeredLine(String what, RegisterDecision.Accepted accepted) {
        boolean event = accepted.changesContacts();
        if (!event && !LOG.isDebugEnabled()) {
            return "";
        }
        int n = accepted.bindings().size();
        String line = what + ": 200 (" + n + (n == 1 ? " binding" : " bindings")
                + (accepted.addedKeys().isEmpty()
                        ? ""
                        : ", " + accepted.addedKeys().size() + " added")
                + (accepted.removedKeys().isEmpty()
                        ? ""
                        : ", " + accepted.removedKeys().size() + " removed")
                + ")";
        if (!event) {
            LOG.debug(line);
            return "";
        }
        return line;
    }

    private void storeFailed(
            SipProvider provider,
            @Nullable ServerTransaction tx,
            Request request,
            long arrivedNanos,
            String what,
            Throwable failure)
            throws ParseException {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        metrics.storeError();
        finish(
                provider,
                tx,
                response(Response.SERVER_INTERNAL_ERROR, "Store Unavailable", request),
                Duration.ZERO,
                arrivedNanos,
                what + ": 500 (" + cause + ")");
    }

    private void challengeOrRefuse(
            SipProvider provider,
            @Nullable ServerTransaction tx,
            Request request,
            AuthOutcome outcome,
            Instant now,
            long arrivedNanos,
            String what)
            throws ParseException, InvalidArgumentException {
        if (outcome instanceof AuthOutcome.Refused refused) {
            metrics.authFailed(refused.reason());
            Response forbidden = response(Response.FORBIDDEN, "Too Many Failed Attempts", request);
            forbidden.addHeader(sip.headers().createRetryAfterHeader((int)
                    Math.max(1, refused.retryAfter().toSeconds())));
            finish(
                    provider,
                    tx,
                    forbidden,
                    Duration.ZERO,
                    arrivedNanos,
                    what + ": 403 (" + refused.reason().name().toLowerCase(java.util.Locale.ROOT) + ")");
            return;
        }
        AuthOutcome.Challenge c = (AuthOutcome.Challenge) outcome;
        metrics.authFailed(c.reason());
        Response unauthorized = challenges.unauthorized(request, c.stale(), now);
        String line = what + ": 401 (" + c.reason().name().toLowerCase(java.util.Locale.ROOT) + ")";
        finish(
                provider,
                tx,
                unauthorized,
                c.delay(),
                arrivedNanos,
                c.reason() == dev.parley.registrar.auth.AuthFailure.NO_CREDENTIALS ? "" : line);
    }

    private void reject(
            SipProvider provider,
            @Nullable ServerTransaction tx,
            Request request,
            RegisterDecision.Rejected r,
            long arrivedNanos,
            String what)
            throws ParseException, InvalidArgumentException {
        Response response = response(r.status(), r.reason(), request);
        if (r.minExpires().isPresent()) {
            response.addHeader(sip.headers()
                    .createMinExpiresHeader((int) r.minExpires().get().toSeconds()));
        }
        for (String tag : r.unsupported()) {
            response.addHeader(sip.headers().createUnsupportedHeader(tag));
        }
        finish(provider, tx, response, Duration.ZERO, arrivedNanos, what + ": " + r.status() + " " + r.reason());
    }

    private Response response(int status, String reason, Request request) throws ParseException {
        Response response = sip.messages().createResponse(status, request);
        response.setReasonPhrase(reason);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(Tags.next());
        }
        return response;
    }

    private void finish(
            SipProvider provider,
            @Nullable ServerTransaction tx,
            Response response,
            Duration delay,
            long arrivedNanos,
            String logLine) {
        // Counted before it leaves: whoever got the answer and then reads /metrics sees it.
        metrics.registerAnswered(response.getStatusCode(), System.nanoTime() - arrivedNanos);
        responder.send(provider, tx, response, delay);
        if (!logLine.isEmpty()) {
            LOG.info(logLine);
        }
    }
}
