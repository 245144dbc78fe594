/** SRTP and SRTCP (RFC 3711) with AES counter mode and HMAC-SHA1, on the JDK's own crypto. */
package dev.parley.media.srtp;
