package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.proxy.routing.ServerSelection.Naptr;
import dev.parley.proxy.routing.ServerSelection.Srv;
import dev.parley.proxy.routing.ServerSelection.SrvQuery;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3263 §4.1 and RFC 2782 choices on looked-up records. */
class ServerSelectionTest {
    @Test
    void naptrRecordsWeSpeakInOrderThenPreference() {
        List<Naptr> records = List.of(
                new Naptr(20, 10, "s", "SIP+D2U", "_sip._udp.example.test."),
                new Naptr(10, 20, "s", "SIP+D2T", "_sip._tcp.example.test."),
                new Naptr(10, 10, "s", "SIPS+D2T", "_sips._tcp.example.test."),
                new Naptr(5, 10, "s", "SIP+D2S", "_sip._sctp.example.test."),
                new Naptr(5, 10, "u", "E2U+sip", "!^.*$!sip:x@example.test!"));
        assertThat(ServerSelection.fromNaptr(records, false))
                .containsExactly(
                        new SrvQuery("_sips._tcp.example.test", "TLS"),
                        new SrvQuery("_sip._tcp.example.test", "TCP"),
                        new SrvQuery("_sip._udp.example.test", "UDP"));
        assertThat(ServerSelection.fromNaptr(records, true))
                .containsExactly(new SrvQuery("_sips._tcp.example.test", "TLS"));
    }

    @Test
    void withoutNaptrUdpThenTcpOrTheTransportTheUriNames() {
        assertThat(ServerSelection.srvNames("example.test", Optional.empty(), false))
                .containsExactly(
                        new SrvQuery("_sip._udp.example.test", "UDP"), new SrvQuery("_sip._tcp.example.test", "TCP"));
        assertThat(ServerSelection.srvNames("example.test", Optional.of("tcp"), false))
                .containsExactly(new SrvQuery("_sip._tcp.example.test", "TCP"));
        assertThat(ServerSelection.srvNames("example.test", Optional.empty(), true))
                .containsExactly(new SrvQuery("_sips._tcp.example.test", "TLS"));
    }

    @Test
    void lowerPriorityFirstAndWeightsDrawnWithinOne() {
        List<Srv> records = List.of(
                new Srv(20, 0, 5060, "c.example.test."),
                new Srv(10, 10, 5060, "a.example.test."),
                new Srv(10, 90, 5060, "b.example.test."),
                new Srv(30, 0, 5060, "."));
        // A draw of 50 out of 100 lands in b's share (a holds 0-10, b 11-100).
        assertThat(ServerSelection.order(records, total -> total / 2))
                .extracting(Srv::target)
                .containsExactly("b.example.test.", "a.example.test.", "c.example.test.");
        // A draw of 0 takes a first.
        assertThat(ServerSelection.order(records, total -> 0))
                .extracting(Srv::target)
                .containsExactly("a.example.test.", "b.example.test.", "c.example.test.");
    }

    @Test
    void addressesNeedNoLookup() {
        assertThat(ServerSelection.isAddress("192.0.2.1")).isTrue();
        assertThat(ServerSelection.isAddress("[2001:db8::1]")).isTrue();
        assertThat(ServerSelection.isAddress("example.test")).isFalse();
        assertThat(ServerSelection.defaultPort("TLS")).isEqualTo(5061);
    }
}
