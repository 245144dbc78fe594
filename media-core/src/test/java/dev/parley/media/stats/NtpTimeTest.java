package dev.parley.media.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NtpTimeTest {
    @Test
    void unixEpochIsSeventyYearsIntoNtpEraZero() {
        assertThat(NtpTime.fromUnixNanos(0)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.fromUnixNanos(1_500_000_000L)).isEqualTo((2_208_988_801L << 32) | 0x80000000L);
    }

    @Test
    void roundTripsWithinANanosecond() {
        long now = 1_764_043_200_123_456_789L; // 2025-11-25T04:00:00.123456789Z
        assertThat(NtpTime.toUnixNanos(NtpTime.fromUnixNanos(now))).isBetween(now - 1, now);
    }

    @Test
    void compactFormIsTheMiddleThirtyTwoBits() {
        assertThat(NtpTime.compact(0xe97b123480000000L)).isEqualTo(0x12348000L);
    }

    @Test
    void roundTripTimeFollowsTheExampleOfRfc3550() {
        // RFC 3550 §6.4.1: A = 0xb710:8000, LSR = 0xb705:2000, DLSR = 0x0005:4000 -> 6.125 s.
        long arrival = 0xb7108000L << 16;
        assertThat(NtpTime.roundTripNanos(arrival, 0xb7052000L, 0x00054000L)).isEqualTo(6_125_000_000L);
    }

    @Test
    void noLsrOrANegativeResultMeansNoRoundTripTime() {
        assertThat(NtpTime.roundTripNanos(0xb7108000L << 16, 0, 0)).isEqualTo(-1);
        assertThat(NtpTime.roundTripNanos(0xb7108000L << 16, 0xb7108000L, 0x10000L))
                .isEqualTo(-1);
    }
}
