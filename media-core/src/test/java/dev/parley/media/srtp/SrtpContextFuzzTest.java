package dev.parley.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.media.DropReason;
import dev.parley.media.Hex;

/**
 * Whatever arrives on an SRTP port, unprotecting it returns a drop reason and never throws; a
 * forged packet never authenticates. {@code JAZZER_FUZZ=1} fuzzes for a minute.
 */
class SrtpContextFuzzTest {
    private final SrtpContext context = new SrtpContext(
            SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            Hex.bytes("e1f97a0d3e018be0d64fa32c06de4139"),
            Hex.bytes("0ec675ad498afeebb6960b3aabe6"),
            4);

    @FuzzTest(maxDuration = "60s")
    void unprotectNeverThrows(byte[] data) {
        DropReason rtp = context.unprotectRtp(data.clone(), 0, data.length);
        DropReason rtcp = context.unprotectRtcp(data.clone(), 0, data.length);
        assertThat(rtp).isNotEqualTo(DropReason.NONE);
        assertThat(rtcp).isNotEqualTo(DropReason.NONE);
    }
}
