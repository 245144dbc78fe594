package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnAddressesTest {
    private final OwnAddresses own = new OwnAddresses("LocalHost", List.of("127.0.0.1:5060", "10.0.0.5:5070"));

    @Test
    void theDomainOnAnyListeningPortAndEachListenerOnItsOwnPort() {
        assertThat(own.isOurs("localhost", -1)).isTrue();
        assertThat(own.isOurs("LOCALHOST", 5070)).isTrue();
        assertThat(own.isOurs("localhost", 5999)).isFalse();
        assertThat(own.isOurs("127.0.0.1", -1)).isTrue();
        assertThat(own.isOurs("127.0.0.1", 5060)).isTrue();
        assertThat(own.isOurs("10.0.0.5", 5070)).isTrue();
        assertThat(own.isOurs("10.0.0.5", -1)).isFalse();
    }

    @Test
    void aPhoneOnTheSameAddressButAnotherPortIsNotUs() {
        assertThat(own.isOurs("127.0.0.1", 5072)).isFalse();
        assertThat(own.isOurs("example.com", -1)).isFalse();
    }
}
