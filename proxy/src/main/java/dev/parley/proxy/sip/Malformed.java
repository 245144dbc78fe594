package dev.parley.proxy.sip;

/**
 * Set as a parsed message's application data when the stack accepted it leniently but RFC 3261
 * makes it unacceptable; the dispatcher answers {@code status} with this reason instead of
 * processing it.
 */
record Malformed(int status, String reason) {}
