package dev.parley.ua.control.sip;

import dev.parley.sdp.SessionDescription;

/**
 * A control INVITE this agent received: who asks, their offer, and the ways to answer it. Exactly
 * one of {@link #accept} and {@link #reject} takes effect; later calls are ignored.
 */
public interface IncomingCall {
    /** The dialog's Call-ID: unique per request. */
    String id();

    /** Who asks, in plain words: the From display name, else the From URI. */
    String from();

    SessionDescription offer();

    /** 200 OK with {@code answer}. */
    void accept(SessionDescription answer);

    /** A final failure: 603 Decline, 408 Request Timeout, 486 Busy Here, 488 Not Acceptable Here. */
    void reject(int status, String reason);

    /** BYE, once accepted. */
    void hangUp();

    /** Told when the caller withdraws (CANCEL) or ends the session (BYE). Set once, right away. */
    void onEnd(Runnable ended);
}
