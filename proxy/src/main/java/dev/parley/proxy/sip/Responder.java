package dev.parley.proxy.sip;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a response in its server transaction (or statelessly when the stack gave none), at once
 * or after a delay that the failure throttle asked for.
 */
final class Responder {
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final ScheduledExecutorService delays;

    Responder(ScheduledExecutorService delays) {
        this.delays = delays;
    }

    void send(SipProvider provider, @Nullable ServerTransaction tx, Response response, Duration delay) {
        if (delay.isZero()) {
            send(provider, tx, response);
        } else {
            delays.schedule(() -> send(provider, tx, response), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void send(SipProvider provider, @Nullable ServerTransaction tx, Response response) {
        try {
            if (tx != null) {
                tx.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not send {} {}: {}", response.getStatusCode(), response.getReasonPhrase(), e.toString());
        }
    }
}
