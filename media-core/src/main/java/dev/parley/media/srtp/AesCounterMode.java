package dev.parley.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): keystream block j is AES(key, IV + j)
 * with j in the low 16 bits, XORed over the data. The AES block cipher is initialized once per
 * key; buffers are preallocated, so a call allocates nothing.
 */
final class AesCounterMode {
    private static final int BLOCK = 16;

    private final Cipher aes;
    private final byte[] counters;
    private final byte[] keystream;

    /** A keystream generator for {@code key}, for data of up to {@code maxLength} bytes. */
    AesCounterMode(byte[] key, int maxLength) {
        int blocks = (maxLength + BLOCK - 1) / BLOCK;
        this.counters = new byte[blocks * BLOCK];
        this.keystream = new byte[blocks * BLOCK];
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is mandatory in every Java runtime", e);
        }
    }

    /** XORs {@code length} bytes at {@code buf[off..]} with the keystream from {@code iv}. */
    void apply(byte[] iv, byte[] buf, int off, int length) {
        int blocks = (length + BLOCK - 1) / BLOCK;
        if (blocks * BLOCK > counters.length) {
            throw new IllegalArgumentException("at most " + counters.length + " bytes, got " + length);
        }
        for (int j = 0; j < blocks; j++) {
            int at = j * BLOCK;
            System.arraycopy(iv, 0, counters, at, BLOCK - 2);
            int low = ((iv[14] & 0xFF) << 8 | (iv[15] & 0xFF)) + j;
            counters[at + 14] = (byte) (low >>> 8);
            counters[at + 15] = (byte) low;
        }
        try {
            aes.update(counters, 0, blocks * BLOCK, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keystream buffer is sized for the data", e);
        }
        for (int i = 0; i < length; i++) {
            buf[off + i] ^= keystream[i];
        }
    }

    /**
     * The SRTP key derivation function (RFC 3711 §4.3.1, key derivation rate 0): {@code
     * length} bytes of keystream under the master key from IV = (master salt XOR label at byte
     * 7) || 0x0000.
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[BLOCK];
        System.arraycopy(masterSalt, 0, iv, 0, SrtpProfile.MASTER_SALT_LENGTH);
        iv[7] ^= (byte) label;
        byte[] out = new byte[length];
        new AesCounterMode(masterKey, length).apply(iv, out, 0, length);
        return out;
    }
}
