/** Audio levels in -dBov (RFC 6464, RFC 6465): measured from PCM and carried in RTP. */
package dev.parley.media.level;
