/**
 * The human interface protocol (HIP) of the application-sharing draft
 * (draft-boyaci-avt-app-sharing-00 §6): pointer and key events from the controller to the
 * controlled screen, one message per RTP packet, and the RFC 4571 framing that carries those
 * packets over TCP. Pure: no sockets, no threads, no AWT.
 */
package dev.parley.ua.control.hip;
