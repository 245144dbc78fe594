package dev.parley.proxy.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5389 Binding request and response bytes, after the RFC 5769 test vectors' layout. */
class StunKeepAliveTest {
    private static final HexFormat HEX = HexFormat.of();

    /** A Binding request with no attributes: type 0x0001, length 0, cookie, transaction ID. */
    private static final byte[] REQUEST = HEX.parseHex("0001" + "0000" + "2112a442" + "b7e7a701bc34d686fa87dfae");

    @Test
    void aBindingRequestGetsTheAddressItCameFromXored() {
        byte[] response = StunKeepAlive.answer(REQUEST, new byte[] {(byte) 192, 0, 2, 1}, 32853)
                .orElseThrow();
        // RFC 5769 §2.2's IPv4 response carries 192.0.2.1:32853 as XOR-MAPPED-ADDRESS 0x0020:
        // family 01, X-Port a147, X-Address e112a643.
        assertThat(HEX.formatHex(response))
                .isEqualTo("0101" + "000c" + "2112a442" + "b7e7a701bc34d686fa87dfae" + "0020" + "0008" + "0001" + "a147"
                        + "e112a643");
    }

    @Test
    void ipv6IsXoredWithTheTransactionIdToo() {
        byte[] address = HEX.parseHex("20010db8123456780011223344556677");
        byte[] response = StunKeepAlive.answer(REQUEST, address, 32853).orElseThrow();
        // RFC 5769 §2.3: 2001:db8:1234:5678:11:2233:4455:6677 port 32853.
        assertThat(HEX.formatHex(response).substring(40))
                .isEqualTo("0020" + "0014" + "0002" + "a147" + "0113a9faa5d3f179bc25f4b5bed2b9d9");
    }

    @Test
    void sipTruncatedStunAndOtherMethodsGetNoAnswer() {
        byte[] ip = {127, 0, 0, 1};
        assertThat(StunKeepAlive.answer("OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes(), ip, 5060))
                .isEmpty();
        assertThat(StunKeepAlive.answer(HEX.parseHex("00010000" + "2112a442" + "b7e7"), ip, 5060))
                .isEmpty();
        assertThat(StunKeepAlive.answer(HEX.parseHex("0111" + "0000" + "2112a442" + "b7e7a701bc34d686fa87dfae"), ip, 1))
                .isEmpty();
        assertThat(StunKeepAlive.answer(HEX.parseHex("0001" + "0004" + "2112a442" + "b7e7a701bc34d686fa87dfae"), ip, 1))
                .isEmpty();
    }
}
