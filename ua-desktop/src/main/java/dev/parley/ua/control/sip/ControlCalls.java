package dev.parley.ua.control.sip;

import dev.parley.sdp.SessionDescription;

/** What the control service needs from a SIP layer: place control calls and hear of incoming ones. */
public interface ControlCalls extends AutoCloseable {
    /** Receives incoming control INVITEs; set once, before any can arrive. */
    void onIncoming(IncomingHandler handler);

    /** INVITE {@code target} (a SIP URI) with {@code offer}; the outcome arrives at {@code events}. */
    OutgoingCall call(String target, SessionDescription offer, OutgoingCall.Events events);

    /** The address this agent puts in its SDP. */
    String localAddress();

    @Override
    void close();

    @FunctionalInterface
    interface IncomingHandler {
        /** Called on the SIP layer's thread; must not block (ask the user asynchronously). */
        void incoming(IncomingCall call);
    }
}
