/**
 * RTCP (RFC 3550 §6): compound packet validation and iteration (§A.2), SR, RR, SDES, BYE, APP,
 * RFC 4585 generic NACK and PLI, RFC 5104 FIR, and RFC 5761 rtcp-mux demultiplexing.
 */
package dev.parley.media.rtcp;
