package dev.parley.ua.control.sip;

import dev.parley.sdp.SessionDescription;

/** A control INVITE this agent placed. */
public interface OutgoingCall {
    /** CANCEL before the answer, BYE after it. */
    void hangUp();

    /** Outcomes of the INVITE, on the SIP layer's thread. */
    interface Events {
        /** 200 OK: the controlled side allowed it; the answer says where to connect. */
        void answered(SessionDescription answer);

        /** A final failure (603 declined, 408 no answer, 486 busy, 404, …) or no response at all (0). */
        void failed(int status, String reason);

        /** The controlled side ended the session (BYE). */
        void ended();
    }
}
