/**
 * Consent for remote control, as a pure state machine (STYLE habit 1): requests, the user's
 * answer, the clock and the session's end go in; what to answer on the wire and show on the screen
 * comes out. Control is never on without the user's Allow; nothing here waits.
 */
package dev.parley.ua.control.consent;
