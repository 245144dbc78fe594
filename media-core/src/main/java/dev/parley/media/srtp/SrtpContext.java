package dev.parley.media.srtp;

import dev.parley.media.Bytes;
import dev.parley.media.DropReason;
import dev.parley.media.rtp.RtpHeader;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of an SRTP/SRTCP session (RFC 3711) with AES-CM and HMAC-SHA1: session keys
 * derived from the master key and salt (§4.3, key derivation rate 0), payload encryption
 * (§4.1.1), authentication over the packet and ROC (§4.2), ROC estimation and a 64-packet replay
 * window per SSRC (§3.3). Works in place on {@code (buf, off, len)}; buffers must have room for
 * the tag (and SRTCP index) when protecting. Owned by one thread.
 */
public final class SrtpContext {
    /** Largest packet this context handles. */
    public static final int MAX_PACKET = 1500;

    private static final int RTCP_FIXED = 8;
    private static final int RTCP_INDEX_LENGTH = 4;

    private final SrtpProfile profile;
    private final AesCounterMode rtpCipher;
    private final AesCounterMode rtcpCipher;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final Mac rtpMac;
    private final Mac rtcpMac;
    private final SrtpStreams streams;
    private final byte[] iv = new byte[16];
    private final byte[] roc = new byte[4];
    private final byte[] tag = new byte[20];
    private int lastLength;

    /** A context for up to {@code maxSources} SSRCs. */
    public SrtpContext(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, int maxSources) {
        if (masterKey.length != SrtpProfile.MASTER_KEY_LENGTH || masterSalt.length != SrtpProfile.MASTER_SALT_LENGTH) {
            throw new IllegalArgumentException("master key and salt must be 16 and 14 bytes, got " + masterKey.length
                    + " and " + masterSalt.length);
        }
        this.profile = profile;
        this.rtpCipher = new AesCounterMode(AesCounterMode.derive(masterKey, masterSalt, 0, 16), MAX_PACKET);
        this.rtpMac = hmac(AesCounterMode.derive(masterKey, masterSalt, 1, 20));
        this.rtpSalt = AesCounterMode.derive(masterKey, masterSalt, 2, 14);
        this.rtcpCipher = new AesCounterMode(AesCounterMode.derive(masterKey, masterSalt, 3, 16), MAX_PACKET);
        this.rtcpMac = hmac(AesCounterMode.derive(masterKey, masterSalt, 4, 20));
        this.rtcpSalt = AesCounterMode.derive(masterKey, masterSalt, 5, 14);
        this.streams = new SrtpStreams(maxSources);
    }

    /** Length of the packet the last successful unprotect left in the buffer. */
    public int lastLength() {
        return lastLength;
    }

    /** Encrypts and authenticates a valid RTP packet in place; returns the SRTP length. */
    public int protectRtp(byte[] buf, int off, int len) {
        long ssrc = RtpHeader.ssrc(buf, off);
        int sequence = RtpHeader.sequenceNumber(buf, off);
        int slot = streams.slot(ssrc, sequence);
        if (slot < 0) {
            throw new IllegalStateException("SRTP context holds at most its configured sources");
        }
        long v = streams.guessRoc(slot, sequence);
        streams.update(slot, v, sequence);
        int header = RtpHeader.headerLength(buf, off);
        counterIv(rtpSalt, ssrc, (v << 16) | sequence);
        rtpCipher.apply(iv, buf, off + header, len - header);
        rtpTag(buf, off, len, v);
        System.arraycopy(tag, 0, buf, off + len, profile.rtpTagLength());
        return len + profile.rtpTagLength();
    }

    /** Authenticates and decrypts an SRTP packet in place; see {@link #lastLength} on success. */
    public DropReason unprotectRtp(byte[] buf, int off, int len) {
        int bodyLength = len - profile.rtpTagLength();
        int header = clearHeaderLength(buf, off, bodyLength);
        if (header < 0) {
            return DropReason.SRTP_TOO_SHORT;
        }
        long ssrc = RtpHeader.ssrc(buf, off);
        int sequence = RtpHeader.sequenceNumber(buf, off);
        int slot = streams.slot(ssrc, sequence);
        if (slot < 0) {
            return DropReason.SRTP_TOO_MANY_SOURCES;
        }
        long v = streams.guessRoc(slot, sequence);
        long index = (v << 16) | sequence;
        if (!streams.rtpWindow(slot).isFresh(index)) {
            return DropReason.SRTP_REPLAYED;
        }
        rtpTag(buf, off, bodyLength, v);
        if (!tagMatches(buf, off + bodyLength, profile.rtpTagLength())) {
            return DropReason.SRTP_AUTH_FAILED;
        }
        counterIv(rtpSalt, ssrc, index);
        rtpCipher.apply(iv, buf, off + header, bodyLength - header);
        streams.update(slot, v, sequence);
        streams.rtpWindow(slot).accept(index);
        lastLength = bodyLength;
        return DropReason.NONE;
    }

    /** Encrypts and authenticates a valid compound RTCP packet in place; returns the SRTCP length. */
    public int protectRtcp(byte[] buf, int off, int len) {
        long ssrc = Bytes.u32(buf, off + 4);
        int slot = streams.slot(ssrc, 0);
        if (slot < 0) {
            throw new IllegalStateException("SRTP context holds at most its configured sources");
        }
        int index = streams.nextRtcpIndex(slot);
        counterIv(rtcpSalt, ssrc, index);
        rtcpCipher.apply(iv, buf, off + RTCP_FIXED, len - RTCP_FIXED);
        Bytes.put32(buf, off + len, 0x80000000L | index);
        rtcpTag(buf, off, len + RTCP_INDEX_LENGTH);
        System.arraycopy(tag, 0, buf, off + len + RTCP_INDEX_LENGTH, SrtpProfile.SRTCP_TAG_LENGTH);
        return len + RTCP_INDEX_LENGTH + SrtpProfile.SRTCP_TAG_LENGTH;
    }

    /** Authenticates and decrypts an SRTCP packet in place; see {@link #lastLength} on success. */
    public DropReason unprotectRtcp(byte[] buf, int off, int len) {
        int bodyLength = len - RTCP_INDEX_LENGTH - SrtpProfile.SRTCP_TAG_LENGTH;
        if (bodyLength < RTCP_FIXED) {
            return DropReason.SRTP_TOO_SHORT;
        }
        long ssrc = Bytes.u32(buf, off + 4);
        int slot = streams.slot(ssrc, 0);
        if (slot < 0) {
            return DropReason.SRTP_TOO_MANY_SOURCES;
        }
        long word = Bytes.u32(buf, off + bodyLength);
        long index = word & 0x7FFFFFFFL;
        if (!streams.rtcpWindow(slot).isFresh(index)) {
            return DropReason.SRTP_REPLAYED;
        }
        rtcpTag(buf, off, bodyLength + RTCP_INDEX_LENGTH);
        if (!tagMatches(buf, off + bodyLength + RTCP_INDEX_LENGTH, SrtpProfile.SRTCP_TAG_LENGTH)) {
            return DropReason.SRTP_AUTH_FAILED;
        }
        if ((word & 0x80000000L) != 0) {
            counterIv(rtcpSalt, ssrc, index);
            rtcpCipher.apply(iv, buf, off + RTCP_FIXED, bodyLength - RTCP_FIXED);
        }
        streams.rtcpWindow(slot).accept(index);
        lastLength = bodyLength;
        return DropReason.NONE;
    }

    /** The RTP header length if it fits {@code bodyLength} bytes (it is not encrypted), else -1. */
    private static int clearHeaderLength(byte[] buf, int off, int bodyLength) {
        if (bodyLength < RtpHeader.FIXED_HEADER_SIZE) {
            return -1;
        }
        int header = RtpHeader.FIXED_HEADER_SIZE + 4 * RtpHeader.csrcCount(buf, off);
        if (RtpHeader.hasExtension(buf, off)) {
            if (header + 4 > bodyLength) {
                return -1;
            }
            header += 4 + RtpHeader.extensionDataLength(buf, off);
        }
        return header <= bodyLength ? header : -1;
    }

    /** IV = (salt || 0x0000) XOR (SSRC at bytes 4..7) XOR (48-bit index at bytes 8..13). */
    private void counterIv(byte[] salt, long ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
    }

    private void rtpTag(byte[] buf, int off, int len, long v) {
        Bytes.put32(roc, 0, v);
        rtpMac.update(buf, off, len);
        rtpMac.update(roc, 0, 4);
        finish(rtpMac);
    }

    private void rtcpTag(byte[] buf, int off, int len) {
        rtcpMac.update(buf, off, len);
        finish(rtcpMac);
    }

    private void finish(Mac mac) {
        try {
            mac.doFinal(tag, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tag buffer holds a SHA-1 MAC", e);
        }
    }

    private boolean tagMatches(byte[] buf, int at, int length) {
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= buf[at + i] ^ tag[i];
        }
        return difference == 0;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is mandatory in every Java runtime", e);
        }
    }
}
