package dev.parley.registrar.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The worked examples of RFC 7616 §3.9.1 (user Mufasa, password "Circle of Life"). */
class DigestResponseTest {
    private static final String USER = "Mufasa";
    private static final String REALM = "http-auth@example.org";
    private static final String PASSWORD = "Circle of Life";
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String URI = "/dir/index.html";

    @Test
    void md5ExampleOfRfc7616() {
        String ha1 = DigestAlgorithm.MD5.ha1(USER, REALM, PASSWORD);
        assertThat(DigestResponse.compute(DigestAlgorithm.MD5, ha1, NONCE, "00000001", CNONCE, "auth", "GET", URI))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void sha256ExampleOfRfc7616() {
        String ha1 = DigestAlgorithm.SHA_256.ha1(USER, REALM, PASSWORD);
        assertThat(DigestResponse.compute(DigestAlgorithm.SHA_256, ha1, NONCE, "00000001", CNONCE, "auth", "GET", URI))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void absentAlgorithmMeansMd5AndUnknownOnesAreRefused() {
        assertThat(DigestAlgorithm.fromToken(java.util.Optional.empty())).contains(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken(java.util.Optional.of("sha-256"))).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken(java.util.Optional.of("MD5-sess"))).isEmpty();
    }

    @Test
    void ha1PairKeepsBothHashesAndNoPassword() {
        Ha1Pair pair = Ha1Pair.of(USER, REALM, PASSWORD);
        assertThat(pair.md5()).isEqualTo(DigestAlgorithm.MD5.hash(USER + ":" + REALM + ":" + PASSWORD));
        assertThat(pair.sha256()).hasSize(64).doesNotContain(PASSWORD);
        assertThat(pair.forAlgorithm(DigestAlgorithm.SHA_256)).isEqualTo(pair.sha256());
    }
}
