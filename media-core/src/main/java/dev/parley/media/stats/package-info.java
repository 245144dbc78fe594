/**
 * Receiver statistics of one RTP source (RFC 3550 §6.4, §A.1, §A.3, §A.8): extended sequence
 * numbers, loss, interarrival jitter and report blocks. Time is a parameter.
 */
package dev.parley.media.stats;
