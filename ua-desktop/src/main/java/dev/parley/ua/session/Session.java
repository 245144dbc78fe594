package dev.parley.ua.session;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.control.sip.ControlCalls;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One desktop agent's SIP life (DESIGN.md "What the user does"): register, create or join a
 * meeting, watch its members, command it as host, leave. Made by {@code
 * dev.parley.ua.sip.SipSession.start(config, listener)}.
 *
 * <p>Every method returns at once: the work runs on the session's own thread and its outcome
 * arrives as a {@link SessionEvent} at the {@link SessionListener}, in order. The getters read
 * the state as of the last event. One meeting at a time; asking for a second one while in a
 * meeting is a {@link SessionEvent.MeetingFailed}.
 */
public interface Session extends AutoCloseable {
    Account account();

    /** REGISTERs (digest auth) and keeps the registration refreshed before it expires. */
    void register();

    /** INVITE to the factory URI {@code sip:conference@DOMAIN}: a new meeting with this agent as host. */
    void createMeeting();

    /** INVITE to a meeting: a 6-digit ID ({@code 831620}) or a URI ({@code sip:831620@example.com}). */
    void join(String meeting);

    /** BYE: leaves the meeting (the media stop, the member list subscription ends). */
    void leave();

    /** A host command (close, kick, mute, lock); a non-host gets {@link SessionEvent.HostActionRefused}. */
    void control(HostAction action);

    /** Stops or resumes sending one kind of media in the current meeting (mute, stop video). */
    void setSending(MediaKind kind, boolean sending);

    /** Sends one DTMF key (RFC 4733: 0-9, *, #, A-D) on the audio stream. */
    void sendDtmf(char key);

    RegistrationState registration();

    /** The current meeting's ID, if in one. */
    Optional<String> meetingId();

    /** The current meeting's member list; empty outside a meeting. */
    Roster roster();

    /** True when the member list names this agent host. */
    boolean isHost();

    /**
     * Remote-control calls on this session's SIP stack (DESIGN.md "Remote desktop control"): placed
     * through the server like any call; incoming ones go to the handler set on it.
     */
    ControlCalls controlCalls();

    /** The local address SIP and media use. */
    InetAddress localAddress();

    /**
     * Leaves the meeting, unregisters and stops the SIP stack and every media thread; waits for
     * that (a few seconds at most). A {@link SessionEvent.Closed} is the last event.
     */
    @Override
    void close();
}
