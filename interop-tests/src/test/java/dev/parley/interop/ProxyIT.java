package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.proxy.routing.LoopHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.header.ContactHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls between registered users through the real {@code parley server} acting as a stateful
 * proxy (RFC 3261 §16), with jain-sip agents as the phones: a call set up and hung up through
 * Record-Route, a fork to two phones of one user, unknown and unregistered users, no answer,
 * the caller's CANCEL, Max-Forwards, a loop, and authentication of local callers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyIT {
    private ServerProcess server;
    private String sipServer;
    private int sipPort;
    private final List<SipTestAgent> agents = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        sipPort = Ports.free();
        sipServer = "127.0.0.1:" + sipPort;
        server = ServerProcess.withUsers(
                "it-proxy-",
                sipServer,
                List.of("alice", "bob", "carol", "dave", "erin", "frank"),
                List.of("--ring-timeout", "3"));
    }

    @AfterAll
    void stop() throws Exception {
        agents.forEach(SipTestAgent::close);
        if (server != null) {
            server.terminate();
        }
    }

    private SipTestAgent agent(String user, String domain) throws Exception {
        SipTestAgent a = SipTestAgent.start(user, user, domain, sipServer);
        agents.add(a);
        return a;
    }

    private SipTestAgent registered(String user) throws Exception {
        SipTestAgent a = agent(user, "localhost");
        assertThat(a.register().getStatusCode()).isEqualTo(200);
        return a;
    }

    private static String offer(SipTestAgent a) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + "m=audio " + (a.port + 2)
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    @Test
    void aliceCallsBobAndHangsUpThroughTheRecordRoute() throws Exception {
        SipTestAgent alice = registered("alice");
        SipTestAgent bob = registered("bob");

        ClientTransaction call = alice.call("sip:bob@localhost", offer(alice));
        Request invite = bob.awaitRequest(Request.INVITE);
        assertThat(alice.awaitStatus(call, 180, Duration.ofSeconds(10)).getStatusCode())
                .isEqualTo(180);
        bob.answer(invite, offer(bob));
        ResponseEvent ok = alice.awaitEvent(call, 200);
        Response answer = ok.getResponse();
        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(((ContactHeader) answer.getHeader(ContactHeader.NAME))
                        .getAddress()
                        .getURI()
                        .toString())
                .isEqualTo(bob.contact());
        assertThat(SipTestAgent.body(answer)).contains("m=audio " + (bob.port + 2));
        RecordRouteHeader rr = (RecordRouteHeader) answer.getHeader(RecordRouteHeader.NAME);
        assertThat(rr).as("the proxy stays in the dialog").isNotNull();
        assertThat(rr.getAddress().getURI().toString()).isEqualTo("sip:" + sipServer + ";lr");
        assertThat(answer.getHeaders(ViaHeader.NAME)).toIterable().hasSize(1);

        assertThat(invite.getRequestURI().toString()).isEqualTo(bob.contact());
        assertThat(((MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(69);
        assertThat(invite.getHeaders(ViaHeader.NAME)).toIterable().hasSize(2);
        alice.ack(ok);
        Request ack = bob.awaitRequest(Request.ACK);
        assertThat(ack.getRequestURI().toString()).isEqualTo(bob.contact());

        // In the call: hold (re-INVITE) and an INFO take the route set to bob's phone as well.
        Response held =
                alice.reinvite(ok.getDialog(), offer(alice).replace("PCMU/8000\r\n", "PCMU/8000\r\na=sendonly\r\n"));
        assertThat(held.getStatusCode()).isEqualTo(200);
        Request reinvite = bob.awaitRequest(Request.INVITE);
        assertThat(reinvite.getRequestURI().toString()).isEqualTo(bob.contact());
        assertThat(SipTestAgent.body(reinvite)).contains("a=sendonly");
        assertThat(alice.inDialog(ok.getDialog(), Request.INFO, "", "", "").getStatusCode())
                .isEqualTo(200);
        assertThat(bob.awaitRequest(Request.INFO).getHeader(RouteHeader.NAME)).isNull();

        Response bye = alice.inDialog(ok.getDialog(), Request.BYE, "", "", "");
        assertThat(bye.getStatusCode()).isEqualTo(200);
        Request byeAtBob = bob.awaitRequest(Request.BYE);
        assertThat(byeAtBob.getHeader(RouteHeader.NAME))
                .as("our Route is popped")
                .isNull();
        assertThat(byeAtBob.getHeaders(ViaHeader.NAME)).toIterable().hasSize(2);

        assertThat(server.metric("parley_proxy_calls_forwarded_total")).isGreaterThanOrEqualTo(1);
        assertThat(server.stderr()).contains("proxy: call sip:alice@localhost -> sip:bob@localhost: 200 (1 branch");
        // Every proxied request of the call has its final response: nothing is left open.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.metric("parley_proxy_transactions_active") != 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(server.metric("parley_proxy_transactions_active")).isZero();
        assertThat(server.metric("parley_proxy_final_responses_total{class=\"2xx\"}"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void bothPhonesOfCarolRingOneAnswersTheOtherIsCancelled() throws Exception {
        SipTestAgent alice = registered("alice");
        SipTestAgent desk = registered("carol");
        SipTestAgent mobile = registered("carol");

        ClientTransaction call = alice.call("sip:carol@localhost", offer(alice));
        Request atDesk = desk.awaitRequest(Request.INVITE);
        mobile.awaitRequest(Request.INVITE);
        alice.awaitStatus(call, 180, Duration.ofSeconds(10));
        desk.answer(atDesk, offer(desk));
        ResponseEvent ok = alice.answeredBy(call, desk);
        mobile.awaitRequest(Request.CANCEL);
        assertThat(desk.receivesNo(Request.CANCEL, Duration.ofMillis(300))).isTrue();
        assertThat(alice.inDialog(ok.getDialog(), Request.BYE, "", "", "").getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownUserIs404AndUnregisteredUserIs480() throws Exception {
        SipTestAgent alice = registered("alice");
        assertThat(alice.awaitEvent(alice.call("sip:nobody@localhost", offer(alice)), 200)
                        .getResponse()
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(alice.awaitEvent(alice.call("sip:dave@localhost", offer(alice)), 200)
                        .getResponse()
                        .getStatusCode())
                .isEqualTo(480);
    }

    @Test
    void nobodyAnswersIn3SecondsIs480AndThePhoneStopsRinging() throws Exception {
        SipTestAgent alice = registered("alice");
        SipTestAgent erin = registered("erin");
        ClientTransaction call = alice.call("sip:erin@localhost", offer(alice));
        erin.awaitRequest(Request.INVITE);
        Response timedOut = alice.awaitStatus(call, 480, Duration.ofSeconds(8));
        assertThat(timedOut.getStatusCode()).isEqualTo(480);
        erin.awaitRequest(Request.CANCEL);
    }

    @Test
    void callerHangsUpWhileRinging() throws Exception {
        SipTestAgent alice = registered("alice");
        SipTestAgent frank = registered("frank");
        ClientTransaction call = alice.call("sip:frank@localhost", offer(alice));
        frank.awaitRequest(Request.INVITE);
        alice.awaitStatus(call, 180, Duration.ofSeconds(10));
        assertThat(alice.cancel(call).getStatusCode()).isEqualTo(200);
        assertThat(alice.awaitEvent(call, 200).getResponse().getStatusCode()).isEqualTo(487);
        frank.awaitRequest(Request.CANCEL);
    }

    @Test
    void maxForwardsZeroIs483ButOptionsIsAnswered() throws Exception {
        SipTestAgent guest = agent("guest", "example.org");
        Request invite = guest.request(Request.INVITE, "sip:bob@localhost");
        ((MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME)).setMaxForwards(0);
        assertThat(guest.sendOnce(invite).getStatusCode()).isEqualTo(483);
        Request options = guest.request(Request.OPTIONS, "sip:bob@localhost");
        ((MaxForwardsHeader) options.getHeader(MaxForwardsHeader.NAME)).setMaxForwards(0);
        Response answered = guest.sendOnce(options);
        assertThat(answered.getStatusCode()).isEqualTo(200);
        List<String> allowed = new ArrayList<>();
        answered.getHeaders("Allow").forEachRemaining(h -> allowed.add(((javax.sip.header.AllowHeader) h).getMethod()));
        assertThat(allowed).contains("INVITE", "OPTIONS");
    }

    @Test
    void aGuestCannotRelayThroughTheProxy() throws Exception {
        SipTestAgent guest = agent("guest", "example.org");
        Response denied = guest.sendOnce(guest.request(Request.INVITE, "sip:someone@example.com"));
        assertThat(denied.getStatusCode()).isEqualTo(403);
        assertThat(denied.getReasonPhrase()).isEqualTo("Relaying Denied");
    }

    @Test
    void aRequestCarryingOurOwnBranchIsALoop() throws Exception {
        SipTestAgent guest = agent("guest", "example.org");
        Request invite = guest.request(Request.INVITE, "sip:bob@localhost");
        String hash = LoopHash.compute(
                invite.getRequestURI().toString(),
                ((javax.sip.header.FromHeader) invite.getHeader("From")).getTag(),
                "",
                ((javax.sip.header.CallIdHeader) invite.getHeader("Call-ID")).getCallId(),
                ((javax.sip.header.CSeqHeader) invite.getHeader("CSeq")).getSeqNumber(),
                List.of(),
                List.of());
        // As if the proxy had forwarded it before and it came back (RFC 3261 §16.3 step 4).
        invite.addLast(javax.sip.SipFactory.getInstance()
                .createHeaderFactory()
                .createViaHeader("127.0.0.1", sipPort, "UDP", LoopHash.branch(hash, 0)));
        assertThat(guest.sendOnce(invite).getStatusCode()).isEqualTo(482);
    }

    @Test
    void localCallersMustAuthenticate() throws Exception {
        SipTestAgent mallory = agent("alice", "localhost");
        Request invite = mallory.request(Request.INVITE, "sip:bob@localhost");
        Response challenged = mallory.sendOnce(invite);
        assertThat(challenged.getStatusCode()).isEqualTo(407);
        assertThat(challenged.getHeader("Proxy-Authenticate").toString()).contains("Digest", "realm=\"localhost\"");
        Request required = mallory.request(Request.OPTIONS, "sip:bob@localhost");
        required.addHeader(
                javax.sip.SipFactory.getInstance().createHeaderFactory().createProxyRequireHeader("x-nothing"));
        Response badExtension = mallory.sendOnce(required);
        assertThat(badExtension.getStatusCode()).isEqualTo(420);
        assertThat(badExtension.getHeader("Unsupported").toString()).contains("x-nothing");
    }
}
