/**
 * The SIP half of a control session: one INVITE dialog per session between the controller and the
 * controlled agent, carrying the remote-control offer and answer. {@link ControlCalls} is what the
 * control service needs from the SIP layer; the agent's own session provides it ({@code
 * SipSession.controlCalls()}), so control calls go through the server like any call.
 */
package dev.parley.ua.control.sip;
