/**
 * The desktop agent's one API, used by the console, the Swing window and remote control.
 *
 * <p>{@link dev.parley.ua.session.Session} (made by {@code dev.parley.ua.sip.SipSession.start(
 * SessionConfig, SessionListener)}): {@code register()}, {@code createMeeting()}, {@code
 * join(idOrUri)}, {@code leave()}, {@code control(HostAction)} (close, kick, mute/unmute,
 * lock/unlock), {@code setSending(kind, on)}, {@code sendDtmf(key)}, getters for the
 * registration, meeting ID, member list and host role, and {@code close()}. Methods never
 * block: outcomes arrive in order as {@link dev.parley.ua.session.SessionEvent}s at the {@link
 * dev.parley.ua.session.SessionListener} on the session's event thread.
 *
 * <p>The member list is a {@link dev.parley.ua.session.Roster} of {@link
 * dev.parley.ua.session.RosterMember}s kept from RFC 4575 NOTIFYs ({@link
 * dev.parley.ua.session.ConferenceInfoDocument}); {@code Roster.bySrcId(ssrc)} names the member
 * behind a received stream. Media plug in through {@link
 * dev.parley.ua.session.MediaStreamFactory}: one per kind, each call opens a {@link
 * dev.parley.ua.session.MediaStream} before the offer and starts it with the negotiated stream.
 * {@link dev.parley.ua.session.AccountStore} saves an account with its password in the OS
 * keyring or a file only the user can read. Everything here but the stores is pure.
 */
package dev.parley.ua.session;
