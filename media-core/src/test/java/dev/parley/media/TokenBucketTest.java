package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000L;

    @Test
    void admitsABurstThenTheSustainedRate() {
        TokenBucket bucket = new TokenBucket(50, 10); // 50 packets/s, bursts of 10
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (bucket.tryAcquire(0)) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(10);
        assertThat(bucket.tryAcquire(19 * MS)).isFalse(); // 0.95 of a token
        assertThat(bucket.tryAcquire(20 * MS)).isTrue();
        assertThat(bucket.tryAcquire(20 * MS)).isFalse();
    }

    @Test
    void floodIsCutToTheRateOverASecond() {
        TokenBucket bucket = new TokenBucket(50, 10);
        int admitted = 0;
        for (long t = 0; t < 1000 * MS; t += MS / 10) { // 10,000 packets/s for one second
            if (bucket.tryAcquire(t)) {
                admitted++;
            }
        }
        assertThat(admitted).isBetween(59, 61); // the burst plus 50 a second
    }

    @Test
    void idleTimeRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(50, 10);
        bucket.tryAcquire(0);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (bucket.tryAcquire(3_600_000 * MS)) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(10);
    }
}
