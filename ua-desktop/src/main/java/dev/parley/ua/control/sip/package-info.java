/**
 * The SIP half of a control session: one INVITE dialog per session between the controller and the
 * controlled agent, carrying the remote-control offer and answer. {@link ControlSip} is a jain-sip
 * user agent for these dialogs alone; {@link ControlCalls} is what the control service needs
 * from any SIP layer, so the agent's own session can carry them instead.
 */
package dev.parley.ua.control.sip;
