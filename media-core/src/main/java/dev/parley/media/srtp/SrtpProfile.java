package dev.parley.media.srtp;

/**
 * SRTP protection profiles with AES counter mode and HMAC-SHA1 (RFC 3711 §8.2; names from RFC
 * 4568 §6.2 and RFC 5764 §4.1.2). Both use a 128-bit master key and 112-bit master salt; they
 * differ in the SRTP tag length, SRTCP always carries 80 bits.
 */
public enum SrtpProfile {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    /** Master key length in bytes. */
    public static final int MASTER_KEY_LENGTH = 16;
    /** Master salt length in bytes. */
    public static final int MASTER_SALT_LENGTH = 14;
    /** SRTCP authentication tag length in bytes (RFC 4568 §6.2.1). */
    public static final int SRTCP_TAG_LENGTH = 10;

    private final int rtpTagLength;

    SrtpProfile(int rtpTagLength) {
        this.rtpTagLength = rtpTagLength;
    }

    /** SRTP authentication tag length in bytes. */
    public int rtpTagLength() {
        return rtpTagLength;
    }
}
