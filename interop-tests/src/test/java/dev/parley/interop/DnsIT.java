package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls to other domains (RFC 3263) through the real {@code parley server}: a real DNS server
 * (dnsmasq) answers for example.net (NAPTR to SRV over UDP) and example.test (SRV over TCP, the
 * first target dead), and jain-sip agents listen where the records point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsIT {
    private Dnsmasq dns;
    private ServerProcess server;
    private String sipServer;
    private final List<SipTestAgent> agents = new ArrayList<>();
    /** The alices registered by the running test. */
    private final List<SipTestAgent> alices = new ArrayList<>();

    private SipTestAgent carol;
    private SipTestAgent bob;
    /** The first server of busy.example.test, answering 503 to every BYE. */
    private SipTestAgent busy;
    /** The first server of hung.example.test, taking every BYE and answering none. */
    private SipTestAgent hung;

    private int deadPort;
    /** A UDP socket that never answers: dnsmasq forwards slow.test here and waits. */
    private java.net.DatagramSocket silentDns;

    @BeforeAll
    void start() throws Exception {
        sipServer = "127.0.0.1:" + Ports.free();
        carol = agent(SipTestAgent.start("carol", "Carol", "example.net", sipServer, false));
        bob = agent(SipTestAgent.start("bob", "Bob", "example.test", sipServer, true));
        busy = agent(SipTestAgent.startWithoutDialogs("busy", "example.test", sipServer));
        busy.refuse(Request.BYE, Response.SERVICE_UNAVAILABLE);
        hung = agent(SipTestAgent.startWithoutDialogs("hung", "example.test", sipServer));
        hung.ignore(Request.BYE);
        deadPort = Ports.free();
        silentDns = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        dns = Dnsmasq.start(
                Path.of("target", "it-dns").toAbsolutePath(),
                List.of("example.net", "example.test"),
                List.of(
                        "--naptr-record=example.net,10,50,s,SIP+D2U,,_sip._udp.example.net",
                        "--srv-host=_sip._udp.example.net,carol-phone.example.net," + carol.port + ",10,0",
                        "--host-record=carol-phone.example.net,127.0.0.1",
                        "--srv-host=_sip._tcp.example.test,dead.example.test," + deadPort + ",10,0",
                        "--srv-host=_sip._tcp.example.test,bob-phone.example.test," + bob.port + ",20,0",
                        "--host-record=dead.example.test,127.0.0.1",
                        "--host-record=bob-phone.example.test,127.0.0.1",
                        "--srv-host=_sip._tcp.busy.example.test,busy-server.example.test," + busy.port + ",10,0",
                        "--srv-host=_sip._tcp.busy.example.test,bob-phone.example.test," + bob.port + ",20,0",
                        "--host-record=busy-server.example.test,127.0.0.1",
                        "--srv-host=_sip._tcp.hung.example.test,hung-server.example.test," + hung.port + ",10,0",
                        "--srv-host=_sip._tcp.hung.example.test,bob-phone.example.test," + bob.port + ",20,0",
                        "--host-record=hung-server.example.test,127.0.0.1",
                        "--server=/slow.test/127.0.0.1#" + silentDns.getLocalPort()));
        server = ServerProcess.withUsers(
                "it-dns-", sipServer, List.of("alice"), List.of("--dns-server", "127.0.0.1:" + dns.port));
    }

    @AfterAll
    void stop() throws Exception {
        agents.forEach(SipTestAgent::close);
        if (server != null) {
            server.terminate();
        }
        if (dns != null) {
            dns.close();
        }
        if (silentDns != null) {
            silentDns.close();
        }
    }

    private SipTestAgent agent(SipTestAgent a) {
        agents.add(a);
        return a;
    }

    private SipTestAgent alice() throws Exception {
        SipTestAgent a = agent(SipTestAgent.start("alice", "Alice", "localhost", sipServer));
        assertThat(a.register().getStatusCode()).isEqualTo(200);
        alices.add(a);
        return a;
    }

    /** Each test registers an alice of its own; the registrar takes 10 contacts per user (403 after). */
    @AfterEach
    void unregisterAlices() throws Exception {
        SipTestAgent.unregisterAll(alices);
    }

    private static String offer(SipTestAgent a) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + "m=audio " + (a.port + 2)
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    /** Alice calls {@code uri}; {@code callee} answers; the call is set up and hung up through the proxy. */
    private Request callAndHangUp(SipTestAgent alice, String uri, SipTestAgent callee) throws Exception {
        ClientTransaction call = alice.call(uri, offer(alice));
        Request invite = callee.awaitRequest(Request.INVITE);
        callee.answer(invite, offer(callee));
        ResponseEvent ok = alice.answeredBy(call, callee);
        callee.awaitRequest(Request.ACK);
        assertThat(alice.inDialog(ok.getDialog(), Request.BYE, "", "", "").getStatusCode())
                .isEqualTo(200);
        callee.awaitRequest(Request.BYE);
        return invite;
    }

    @Test
    void aCallToAnotherDomainFollowsNaptrAndSrv() throws Exception {
        Request invite = callAndHangUp(alice(), "sip:carol@example.net", carol);
        assertThat(invite.getRequestURI().toString()).isEqualTo("sip:carol@example.net");
        assertThat(((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport())
                .isEqualToIgnoringCase("UDP");
        assertThat(server.stderr()).contains("located example.net: [UDP 127.0.0.1:" + carol.port + "]");
    }

    /**
     * Carol's 200 names her phone by a host name only the test's DNS knows: the ACK and the BYE
     * the proxy relays there are located by RFC 3263 with {@code --dns-server}, not by the
     * system resolver (which does not know the name).
     */
    @Test
    void theAckAndByeGoToACalleeContactNamedInDns() throws Exception {
        SipTestAgent alice = alice();
        ClientTransaction call = alice.call("sip:carol@example.net", offer(alice));
        Request invite = carol.awaitRequest(Request.INVITE);
        String callId = invite.getHeader("Call-ID").toString();
        carol.answer(invite, offer(carol), "sip:carol@carol-phone.example.net:" + carol.port);
        ResponseEvent ok = alice.awaitEvent(call, 200);
        assertThat(ok.getResponse().getStatusCode()).isEqualTo(200);
        alice.ack(ok);
        Request ack = carol.awaitRequest(
                Request.ACK, r -> r.getHeader("Call-ID").toString().equals(callId));
        assertThat(ack.getRequestURI().toString()).isEqualTo("sip:carol@carol-phone.example.net:" + carol.port);
        assertThat(alice.inDialog(ok.getDialog(), Request.BYE, "", "", "").getStatusCode())
                .isEqualTo(200);
        carol.awaitRequest(Request.BYE, r -> r.getHeader("Call-ID").toString().equals(callId));
    }

    @Test
    void theSecondSrvTargetTakesTheCallWhenTheFirstIsDead() throws Exception {
        Request invite = callAndHangUp(alice(), "sip:bob@example.test", bob);
        assertThat(((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport())
                .isEqualToIgnoringCase("TCP");
        assertThat(server.stderr())
                .contains("located example.test: [TCP 127.0.0.1:" + deadPort + ", TCP 127.0.0.1:" + bob.port + "]")
                .contains(
                        "proxy: call sip:alice@localhost -> sip:bob@example.test: 200 (2 branches, tried in 2 groups");
    }

    /**
     * RFC 4579 §5.5 dial-out to another domain: the host's REFER names carol@example.net; the
     * focus finds example.net's server as the proxy does and calls her from the meeting; her 200
     * ends the REFER's progress, and the host's close BYEs her.
     */
    @Test
    void aMeetingCallsOutToAnotherDomain() throws Exception {
        DialOut d = aliceInvites("sip:carol@example.net", carol, 7777);
        assertThat(d.invite().getRequestURI().toString()).isEqualTo("sip:carol@example.net");
        assertThat(d.invite().getHeader("From").toString()).contains("Meeting " + d.room());
        List<String> progress = joinsThenIsClosed(d, carol, 9999, carol.contact());
        assertThat(progress.get(0)).startsWith("SIP/2.0 100 Trying");
        assertThat(server.stderr()).contains("REFER invites sip:carol@example.net -> INVITE to sip:carol@example.net");
    }

    /**
     * Carol answers the meeting's dial-out naming her phone by a host name only the test's DNS
     * knows: the focus's own requests in that dialog, the ACK and the BYE when the host closes
     * the meeting, are located by RFC 3263 with {@code --dns-server}, not by the system resolver
     * (which does not know the name).
     */
    @Test
    void theFocussRequestsReachADialedOutContactNamedInDns() throws Exception {
        DialOut d = aliceInvites("sip:carol@example.net", carol, 7779);
        joinsThenIsClosed(d, carol, 9997, "sip:carol@carol-phone.example.net:" + carol.port);
        assertThat(server.stderr())
                .contains("located carol-phone.example.net for a dialog of the focus: [UDP 127.0.0.1:" + carol.port
                        + "]");
    }

    /**
     * Bob answers the meeting's dial-out naming his phone {@code sip:bob@example.test}, whose first
     * server in DNS is dead (RFC 3263 §4.3): the focus's ACK meets the refused connection and goes
     * to the next server, bob's phone, and the close's BYE goes straight there, the server that
     * took the dialog's last request.
     */
    @Test
    void theFocussRequestsMoveToTheNextServerWhenTheFirstIsDead() throws Exception {
        DialOut d = aliceInvites("sip:bob@example.test", bob, 7780);
        String callId = ((javax.sip.header.CallIdHeader) d.invite().getHeader("Call-ID")).getCallId();
        joinsThenIsClosed(d, bob, 9996, "sip:bob@example.test");
        assertThat(server.stderr())
                .contains("located example.test for a dialog of the focus: [TCP 127.0.0.1:" + deadPort
                        + ", TCP 127.0.0.1:" + bob.port + "]")
                .contains("ACK in dialog " + callId + ": TCP 127.0.0.1:" + deadPort + " not reached")
                .doesNotContain("BYE in dialog " + callId + ": TCP 127.0.0.1:" + deadPort);
    }

    /**
     * Bob answers the meeting's dial-out as {@code sip:bob@busy.example.test}, whose first server
     * takes the ACK but answers the close's BYE with 503 (RFC 3263 §4.3): the focus sends the BYE
     * again, in a new transaction, to the next server, bob's phone.
     */
    @Test
    void theFocussByeAnswered503GoesToTheNextServer() throws Exception {
        ByeMoved moved = byeMovesOn(busy, "sip:bob@busy.example.test", 7781, 9995, Duration.ofSeconds(10));
        assertThat(server.stderr()).contains("BYE in dialog " + moved.callId() + ": 503 from");
    }

    /**
     * As above, with a first server that takes the BYE and never answers: after Timer F (64 × T1 =
     * 32 s) the focus sends the BYE to the next server, bob himself, in a new transaction.
     */
    @Test
    void theFocussByeUnansweredForTimerFGoesToTheNextServer() throws Exception {
        ByeMoved moved = byeMovesOn(hung, "sip:bob@hung.example.test", 7782, 9994, Duration.ofSeconds(45));
        assertThat(moved.after()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(40));
        assertThat(server.stderr()).contains("BYE in dialog " + moved.callId() + ": no answer from");
    }

    /** The close's BYE that bob got from the focus's next try: its call, and how long after the first try. */
    private record ByeMoved(String callId, Duration after) {}

    /**
     * Bob (SSRC {@code bobSsrc}) answers alice's dial-out (SSRC {@code ssrc}) naming {@code
     * contact}, whose first server {@code first} takes the ACK and the close's BYE; bob gets the
     * BYE from the focus's next try within {@code wait}, in a new transaction.
     */
    private ByeMoved byeMovesOn(SipTestAgent first, String contact, long ssrc, long bobSsrc, Duration wait)
            throws Exception {
        DialOut d = aliceInvites("sip:bob@example.test", bob, ssrc);
        String callId = ((javax.sip.header.CallIdHeader) d.invite().getHeader("Call-ID")).getCallId();
        java.util.function.Predicate<Request> ofCall =
                r -> r.getHeader("Call-ID").toString().contains(callId);
        bob.answer(d.invite(), FocusIT.offer(bob, bobSsrc, "0=PCMU/8000"), contact);
        first.awaitRequest(Request.ACK, ofCall);
        FocusIT.close(d.host(), d.call());
        Request tried = first.awaitRequest(Request.BYE, ofCall);
        long sent = System.nanoTime();
        Request bye = bob.awaitRequest(Request.BYE, ofCall, wait);
        Duration after = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(bye.getHeader("Reason").toString()).contains("Meeting closed by the host");
        assertThat(((ViaHeader) bye.getHeader(ViaHeader.NAME)).getBranch())
                .isNotEqualTo(((ViaHeader) tried.getHeader(ViaHeader.NAME)).getBranch());
        return new ByeMoved(callId, after);
    }

    /** A meeting's dial-out as the callee sees it: the host, its call with the focus, the room and the INVITE. */
    private record DialOut(SipTestAgent host, javax.sip.Dialog call, String room, Request invite) {}

    /** Alice (SSRC {@code ssrc}) makes a meeting and REFERs it to {@code uri}; {@code callee} gets the INVITE. */
    private DialOut aliceInvites(String uri, SipTestAgent callee, long ssrc) throws Exception {
        SipTestAgent alice = alice();
        Response created = alice.invite("sip:conference@localhost", FocusIT.offer(alice, ssrc, "0=PCMU/8000"));
        javax.sip.Dialog call = alice.dialogOf(created);
        assertThat(alice.inDialog(call, FocusIT.refer(alice, call, uri)).getStatusCode())
                .isEqualTo(202);
        return new DialOut(alice, call, FocusIT.roomOf(created), callee.awaitRequest(Request.INVITE));
    }

    /**
     * The dialed-out {@code callee} answers naming {@code contact} as its own; the focus ACKs,
     * the host's REFER progress ends in 200, and the host's close BYEs the callee. Returns the
     * progress lines.
     */
    private static List<String> joinsThenIsClosed(DialOut d, SipTestAgent callee, long ssrc, String contact)
            throws Exception {
        String callId = d.invite().getHeader("Call-ID").toString();
        callee.answer(d.invite(), FocusIT.offer(callee, ssrc, "0=PCMU/8000"), contact);
        callee.awaitRequest(Request.ACK, r -> r.getHeader("Call-ID").toString().equals(callId));
        List<String> progress = new ArrayList<>();
        while (progress.isEmpty() || !progress.get(progress.size() - 1).startsWith("SIP/2.0 2")) {
            progress.add(SipTestAgent.body(d.host()
                    .awaitRequest(
                            Request.NOTIFY, r -> r.getHeader("Event").toString().contains("refer"))));
        }
        assertThat(progress.get(progress.size() - 1)).startsWith("SIP/2.0 200 OK");
        FocusIT.close(d.host(), d.call());
        Request bye = callee.awaitRequest(
                Request.BYE, r -> r.getHeader("Call-ID").toString().equals(callId));
        assertThat(bye.getHeader("Reason").toString()).contains("Meeting closed by the host");
        return progress;
    }

    /** The dial-out's first server (the dead SRV target of example.test) fails: the focus calls the next. */
    @Test
    void aMeetingsDialOutMovesToTheNextServerWhenTheFirstIsDead() throws Exception {
        DialOut d = aliceInvites("sip:bob@example.test", bob, 7778);
        assertThat(((ViaHeader) d.invite().getHeader(ViaHeader.NAME)).getTransport())
                .isEqualToIgnoringCase("TCP");
        joinsThenIsClosed(d, bob, 9998, bob.contact());
        assertThat(server.stderr())
                .contains(
                        "dial-out to sip:bob@example.test: the next server, NextHop[host=127.0.0.1, port=" + bob.port);
    }

    /** The caller hangs up while the proxy still waits for DNS (slow.test's server never answers). */
    @Test
    void aCancelWhileDnsIsAskedEndsTheCallAt487() throws Exception {
        SipTestAgent alice = alice();
        ClientTransaction call = alice.call("sip:dave@slow.test", offer(alice));
        Thread.sleep(300); // the proxy is waiting for slow.test's DNS answer (2 s per query)
        assertThat(alice.cancel(call).getStatusCode()).isEqualTo(200);
        assertThat(alice.awaitEvent(call, 200).getResponse().getStatusCode()).isEqualTo(487);
    }

    @Test
    void aDomainWithNoServerIs478() throws Exception {
        SipTestAgent alice = alice();
        Response unresolvable = alice.awaitEvent(alice.call("sip:dave@nowhere.example.test", offer(alice)), 200)
                .getResponse();
        assertThat(unresolvable.getStatusCode()).isEqualTo(478);
        assertThat(server.stderr()).contains("located nowhere.example.test: no server in DNS");
    }

    @Test
    void aStrangerCannotRelayToAnotherDomain() throws Exception {
        SipTestAgent guest = agent(SipTestAgent.start("guest", "Guest", "example.org", sipServer));
        Response denied = guest.sendOnce(guest.request(Request.INVITE, "sip:bob@example.test"));
        assertThat(denied.getStatusCode()).isEqualTo(403);
        assertThat(bob.receivesNo(Request.INVITE, java.time.Duration.ofMillis(300)))
                .isTrue();
    }
}
