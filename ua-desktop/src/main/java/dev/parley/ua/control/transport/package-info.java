/**
 * The input stream's TCP connection (RFC 4145, RFC 4571): the controlled side listens
 * ({@code a=setup:passive}) and takes exactly one connection from the negotiated peer; the
 * controller connects ({@code a=setup:active}) and sends.
 */
package dev.parley.ua.control.transport;
