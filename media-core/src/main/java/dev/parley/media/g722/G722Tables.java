package dev.parley.media.g722;

/** Tables shared by the G.722 encoder and decoder (ITU-T G.722 §3, §4, §6). */
final class G722Tables {
    /** QMF coefficients h0..h11; h23-i equals hi (§3.2, §4.4). */
    static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};

    /** WL: scale factor multipliers of the lower band, by RIL (§3.6.1). */
    static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    /** RIL: 4-bit code to WL index (§3.6.1). */
    static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    /** QM4: inverse quantizer of the 4-bit truncated lower-band code (§3.5.1). */
    static final int[] QM4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0
    };
    /** QM6: inverse quantizer of the full 6-bit lower-band code at 64 kbit/s (§6.2.1.1). */
    static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136
    };

    /** WH: scale factor multipliers of the higher band (§3.6.2). */
    static final int[] WH = {0, -214, 798};
    /** RH2: 2-bit code to WH index (§3.6.2). */
    static final int[] RH2 = {2, 1, 2, 1};
    /** QM2: inverse quantizer of the 2-bit higher-band code (§3.5.2). */
    static final int[] QM2 = {-7408, -1616, 7408, 1616};

    private G722Tables() {}
}
