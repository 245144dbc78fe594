package dev.parley.media.level;

/**
 * Audio levels as RFC 6464 (client to mixer) and RFC 6465 (mixer to client, per CSRC) carry
 * them: 0..127 meaning 0 to -127 dBov, where 0 dBov is a full-scale square wave (RFC 6464 §3)
 * and 127 is digital silence. Also reads and writes the one-byte extension element data.
 *
 * <pre>
 * RFC 6464 element data:       RFC 6465 element data (one byte per CSRC):
 *  0 1 2 3 4 5 6 7              0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+            +-+-+-+-+-+-+-+-+
 * |V|    level    |            |0|    level    |
 * +-+-+-+-+-+-+-+-+            +-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AudioLevel {
    /** Level of digital silence (RFC 6464 §3). */
    public static final int SILENCE = 127;

    private static final double FULL_SCALE = 32768.0;

    private AudioLevel() {}

    /** The level of {@code count} 16-bit samples: -dBov of their RMS, rounded, 0..127. */
    public static int of(short[] pcm, int off, int count) {
        if (count <= 0) {
            return SILENCE;
        }
        double sumOfSquares = 0;
        for (int i = 0; i < count; i++) {
            double s = pcm[off + i];
            sumOfSquares += s * s;
        }
        if (sumOfSquares == 0) {
            return SILENCE;
        }
        double rms = Math.sqrt(sumOfSquares / count) / FULL_SCALE;
        long level = Math.round(-20 * Math.log10(rms));
        return (int) Math.max(0, Math.min(SILENCE, level));
    }

    /** The level in an RFC 6464 data byte. */
    public static int level(byte data) {
        return data & 0x7F;
    }

    /** The voice activity flag of an RFC 6464 data byte (§3, when negotiated with vad=on). */
    public static boolean voiceActivity(byte data) {
        return (data & 0x80) != 0;
    }

    /** An RFC 6464 data byte; an RFC 6465 CSRC level byte when {@code voice} is false. */
    public static byte encode(int level, boolean voice) {
        if (level < 0 || level > SILENCE) {
            throw new IllegalArgumentException("audio level must be 0..127, got " + level);
        }
        return (byte) ((voice ? 0x80 : 0) | level);
    }
}
