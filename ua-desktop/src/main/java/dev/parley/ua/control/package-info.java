/**
 * Remote desktop control (DESIGN.md "Remote desktop control", issue 7): {@link ControllerSide}
 * asks to control another agent's screen and drives it from a view; {@link ControlledSide} asks
 * its user, and on Allow takes the input stream and injects it. The protocol ({@code hip}), the
 * consent state machine ({@code consent}), the TCP stream ({@code transport}), the robot ({@code
 * input}), the view ({@code view}) and the SIP dialog ({@code sip}) sit in their own packages.
 */
package dev.parley.ua.control;
