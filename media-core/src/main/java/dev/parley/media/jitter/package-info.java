/**
 * The adaptive jitter buffer for decoded audio frames with packet-loss concealment, driven by
 * its owner's tick; time is a parameter.
 */
package dev.parley.media.jitter;
