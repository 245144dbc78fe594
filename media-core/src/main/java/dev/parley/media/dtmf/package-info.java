/** RFC 4733 telephone events: the payload format and a detector of finished DTMF digits. */
package dev.parley.media.dtmf;
