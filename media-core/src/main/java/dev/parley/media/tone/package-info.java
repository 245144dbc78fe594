/** Tone measurement: the Goertzel algorithm. */
package dev.parley.media.tone;
