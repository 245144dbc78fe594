package dev.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.media.DropReason;

/**
 * Any byte string either fails {@link RtpHeader#check} with {@link RtpFormatException} or is
 * readable end to end without any other exception. Regression inputs live under {@code
 * src/test/resources/dev/parley/media/rtp/RtpHeaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes for a minute.
 */
class RtpHeaderFuzzTest {
    private final HeaderExtensions cursor = new HeaderExtensions();

    @FuzzTest(maxDuration = "60s")
    void onlyRtpFormatExceptionEscapes(byte[] data) {
        DropReason reason = RtpHeader.validate(data, 0, data.length);
        try {
            RtpHeader.check(data, 0, data.length);
        } catch (RtpFormatException e) {
            assertThat(e.reason()).isEqualTo(reason).isNotEqualTo(DropReason.NONE);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(reason).isEqualTo(DropReason.NONE);
        int payloadOffset = RtpHeader.payloadOffset(data, 0);
        int payloadLength = RtpHeader.payloadLength(data, 0, data.length);
        assertThat(payloadLength).isNotNegative();
        assertThat(payloadOffset + payloadLength + RtpHeader.paddingLength(data, 0, data.length))
                .isEqualTo(data.length);
        for (int i = 0; i < RtpHeader.csrcCount(data, 0); i++) {
            assertThat(RtpHeader.csrc(data, 0, i)).isBetween(0L, 0xffffffffL);
        }
        cursor.reset(data, 0);
        while (cursor.next()) {
            assertThat(cursor.dataOffset() + cursor.dataLength()).isLessThanOrEqualTo(payloadOffset);
        }
    }
}
