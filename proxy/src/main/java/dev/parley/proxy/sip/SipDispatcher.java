package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.DropReason;
import dev.parley.proxy.metrics.Metrics;
import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.OptionTag;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every request the stack accepted arrives: one place that says which method goes where.
 * A server transaction is made for each (so retransmissions are answered by the stack, not
 * processed twice); ACK needs none.
 */
final class SipDispatcher implements SipListener {
    /** The methods this server answers itself; the Allow header of OPTIONS and 405. */
    /** The one extension this server implements: session timers (RFC 4028), in the focus. */
    static final String SUPPORTED = "timer";

    static final String ALLOW = "REGISTER, OPTIONS, INVITE, ACK, BYE, CANCEL, INFO, REFER, UPDATE, SUBSCRIBE";

    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    /**
     * How long a finished transaction absorbs retransmissions, as Kamailio's tm keeps one for
     * wt_timer's 5 s: a non-INVITE server transaction's Timer J over UDP (below), and jain-sip's
     * linger after any transaction ends ({@code LINGER_TIMER}, set by {@link SipServer}).
     */
    static final Duration FINISHED_LINGER = Duration.ofSeconds(5);

    /** The T1 that makes jain-sip's Timer J (64 × T1) {@link #FINISHED_LINGER}. */
    private static final int NON_INVITE_T1_MS = (int) (FINISHED_LINGER.toMillis() / 64);

    private final SipContext sip;
    private final RegisterService register;
    private final FocusService focus;
    private final ProxyService proxy;
    private final Responder responder;
    private final Metrics metrics;

    SipDispatcher(
            SipContext sip,
            RegisterService register,
            FocusService focus,
            ProxyService proxy,
            Responder responder,
            Metrics metrics) {
        this.sip = sip;
        this.register = register;
        this.focus = focus;
        this.proxy = proxy;
        this.responder = responder;
        this.metrics = metrics;
    }

    @Override
    public void processRequest(RequestEvent event) {
        long arrived = System.nanoTime();
        Request request = event.getRequest();
        String method = request.getMethod();
        metrics.request(method);
        SipProvider provider = (SipProvider) event.getSource();
        if (Request.ACK.equals(method)) {
            // An ACK for a non-2xx belongs to its server transaction; one for a focus 2xx ends there.
            if (event.getServerTransaction() == null && !focus.owns(request)) {
                proxy.ack(provider, request);
            } else if (focus.owns(request)) {
                focus.ack(request);
            }
            return;
        }
        ServerTransaction tx = event.getServerTransaction();
        try {
            if (tx == null && !answeredStatelessly(request)) {
                tx = newTransaction(provider, request);
            }
            Response early = earlyRejection(request);
            if (early != null) {
                responder.send(provider, tx, early);
                return;
            }
            if (Request.CANCEL.equals(method)) {
                if (tx == null || !proxy.cancel(provider, tx, request)) {
                    responder.send(provider, tx, simple(481, "Call/Transaction Does Not Exist", request));
                }
                return;
            }
            boolean forUs = Request.REGISTER.equals(method) || focus.owns(request) || proxy.addressedToServer(request);
            if (!forUs) {
                if (tx == null) {
                    responder.send(
                            provider, null, simple(Response.SERVER_INTERNAL_ERROR, "Server Internal Error", request));
                } else {
                    proxy.handle(provider, tx, request);
                }
                return;
            }
            List<String> unsupported = requiredExtensions(request);
            if (!unsupported.isEmpty()) {
                Response badExtension = simple(Response.BAD_EXTENSION, "Bad Extension", request);
                for (String tag : unsupported) {
                    badExtension.addHeader(sip.headers().createUnsupportedHeader(tag));
                }
                responder.send(provider, tx, badExtension);
                return;
            }
            if (tx != null
                    && focus.owns(request)
                    && !method.equals(Request.REGISTER)
                    && !method.equals(Request.OPTIONS)) {
                focus.handle(provider, tx, request);
                return;
            }
            switch (method) {
                case Request.REGISTER -> register.handle(provider, tx, request, arrived);
                case Request.OPTIONS -> responder.send(provider, tx, options(sip, request));
                default -> {
                    Response notAllowed = simple(Response.METHOD_NOT_ALLOWED, "Method Not Allowed", request);
                    notAllowed.addHeader(sip.headers().createAllowHeader(ALLOW));
                    responder.send(provider, tx, notAllowed);
                }
            }
        } catch (TransactionAlreadyExistsException e) {
            // A retransmission racing its original: the transaction answers it.
        } catch (ParseException | InvalidArgumentException | javax.sip.SipException | RuntimeException e) {
            LOG.warn("{} from {}: {}", method, RegisterMapper.flow(request).sourceHost(), e.toString());
            try {
                responder.send(provider, tx, simple(Response.SERVER_INTERNAL_ERROR, "Server Internal Error", request));
            } catch (ParseException | RuntimeException again) {
                LOG.warn("could not answer 500 either: {}", again.toString());
            }
        }
    }

    /**
     * REGISTER, and OPTIONS to the server itself, are answered without transaction state, as a
     * stateless UAS (RFC 3261 §8.2.7) and as Kamailio's registrar does: a retransmission is
     * simply answered again (the registrar treats the same Call-ID and CSeq as a repeat), and
     * the server keeps nothing for 32 s (Timer J) per request. A registration storm costs no
     * memory beyond the requests in flight.
     */
    private boolean answeredStatelessly(Request request) {
        String method = request.getMethod();
        return Request.REGISTER.equals(method)
                || (Request.OPTIONS.equals(method) && (focus.owns(request) || proxy.addressedToServer(request)));
    }

    private static @Nullable ServerTransaction newTransaction(SipProvider provider, Request request)
            throws TransactionAlreadyExistsException {
        try {
            ServerTransaction tx = provider.getNewServerTransaction(request);
            String method = request.getMethod();
            if (!Request.INVITE.equals(method) && !Request.CANCEL.equals(method)) {
                // Timer J is 64 × T1, and a non-INVITE server transaction uses T1 for nothing
                // else: it only answers a retransmitted request again. Kamailio keeps a completed
                // transaction 5 s (tm's wt_timer); jain-sip keeps it 32 s, with both parsed
                // messages. At 1,500 calls/s that held 52,761 server transactions and 452 MB live
                // instead of 20,412 and 240 MB (BENCHMARKS.md).
                tx.setRetransmitTimer(NON_INVITE_T1_MS);
            }
            return tx;
        } catch (TransactionUnavailableException e) {
            LOG.info(
                    "{} from {}: no server transaction ({})",
                    request.getMethod(),
                    RegisterMapper.flow(request).sourceHost(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * What a request that parsed must still be refused for, before any method sees it: a header
     * given twice that may appear once (400, RFC 3261 §7.3.1), another SIP version (505, §8.2.2
     * and RFC 4475 §3.1.2.16), a Request-URI scheme this server does not serve (416, §8.2.2.1).
     */
    private @Nullable Response earlyRejection(Request request) throws ParseException {
        if (request instanceof SIPRequest r) {
            if (r.getApplicationData() instanceof Malformed bad) {
                metrics.dropped(DropReason.REJECTED_BY_STACK);
                return simple(bad.status(), bad.reason(), request);
            }
        }
        String scheme = request.getRequestURI().getScheme();
        if (!"sip".equalsIgnoreCase(scheme) && !"sips".equalsIgnoreCase(scheme)) {
            return simple(Response.UNSUPPORTED_URI_SCHEME, "Unsupported URI Scheme", request);
        }
        return null;
    }

    /**
     * The option tags of Require (RFC 3261 §8.2.2.3) and Proxy-Require (§16.3 step 5): this
     * server supports no extension yet, so every one is unsupported and answered with 420.
     */
    private static List<String> requiredExtensions(Request request) {
        List<String> tags = new ArrayList<>();
        for (String name : new String[] {RequireHeader.NAME, ProxyRequireHeader.NAME}) {
            ListIterator<?> headers = request.getHeaders(name);
            while (headers.hasNext()) {
                Object h = headers.next();
                String tag = h instanceof OptionTag t ? t.getOptionTag() : null;
                if (tag != null && !SUPPORTED.equalsIgnoreCase(tag.strip()) && !tags.contains(tag)) {
                    tags.add(tag);
                }
            }
        }
        return tags;
    }

    /** RFC 3261 §11.2: 200 with what this server can do. */
    static Response options(SipContext sip, Request request) throws ParseException {
        Response ok = sip.response(Response.OK, "OK", request);
        ok.addHeader(sip.headers().createAllowHeader(ALLOW));
        ok.addHeader(sip.headers().createAcceptHeader("application", "sdp"));
        ok.addHeader(sip.headers().createHeader("Supported", SUPPORTED));
        return ok;
    }

    private Response simple(int status, String reason, Request request) throws ParseException {
        return sip.response(status, reason, request);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null) {
            metrics.dropped(DropReason.STRAY_RESPONSE);
            proxy.strayResponse((SipProvider) event.getSource(), event.getResponse());
            return;
        }
        if (proxy.response(ct, event.getResponse()) || focus.response(ct, event.getResponse())) {
            return;
        }
        // Answers to the focus's NOTIFY and BYE: a NOTIFY refused with 481 ends that subscription.
        Response response = event.getResponse();
        if (response.getStatusCode() == 481 && event.getDialog() != null) {
            focus.forgetSubscription(event.getDialog());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // A proxy branch without an answer completes with 408; server transactions need nothing.
        if (!event.isServerTransaction() && !focus.timedOut(event.getClientTransaction())) {
            proxy.transactionEnded(event.getClientTransaction());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        if (!event.isServerTransaction()) {
            proxy.transactionEnded(event.getClientTransaction());
            focus.transactionEnded(event.getClientTransaction());
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // The proxy keeps no dialogs; the focus keeps its own.
    }
}
