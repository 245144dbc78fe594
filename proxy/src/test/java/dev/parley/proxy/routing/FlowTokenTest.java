package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 5626 §5.2 flow tokens: round trip, tampering, direction. */
class FlowTokenTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final FlowToken tokens = new FlowToken(KEY);
    private final NextHop caller = new NextHop("192.0.2.1", 40001, "TCP");
    private final NextHop callee = new NextHop("2001:db8::7", 40002, "TLS");

    @Test
    void aTokenNamesItsFlowsAndFitsAUserPart() {
        String token = tokens.encode(List.of(caller, callee));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokens.decode(token)).contains(List.of(caller, callee));
    }

    @Test
    void anotherKeyOrAChangedByteIsNoToken() {
        String token = tokens.encode(List.of(callee));
        FlowToken other = new FlowToken("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.decode(token)).isEmpty();
        String forged = tokens.encode(List.of(caller)).split("\\.")[0] + "." + token.split("\\.")[1];
        assertThat(tokens.decode(forged)).isEmpty();
        assertThat(tokens.decode("alice")).isEmpty();
        assertThat(tokens.decode("!!.??")).isEmpty();
    }

    @Test
    void aRequestGoesOutOnTheFlowItDidNotComeIn() {
        List<NextHop> both = List.of(caller, callee);
        assertThat(FlowToken.onward(both, caller)).contains(callee);
        assertThat(FlowToken.onward(both, callee)).contains(caller);
        assertThat(FlowToken.onward(List.of(callee), new NextHop("192.0.2.9", 5060, "UDP")))
                .contains(callee);
        assertThat(FlowToken.onward(List.of(callee), callee)).isEqualTo(Optional.empty());
    }
}
