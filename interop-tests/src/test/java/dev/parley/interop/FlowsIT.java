package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.ClientTransaction;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connection-oriented flows through the real server: a phone registered over TCP is reached over
 * its connection only; when that connection closes, a call to it fails at once with 480 (the
 * server opens no connection to the phone's old port) and the binding is gone; a new connection
 * registers again. With SIP Outbound (RFC 5626) two flows of one phone are alternatives: a call
 * goes over the newest open one, and over the other once that one closed, or when sending on the
 * newest fails; the meeting focus's dial-out takes the other flow too, and the focus's own
 * requests reach a member on a connection over it. A call from UDP to a
 * phone on TCP is record-routed once per transport (RFC 5658).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowsIT {
    private static final String INSTANCE = "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";

    private int sipPort;
    private ServerProcess server;
    private SipTestAgent bob;
    private int cseq = 1;

    @BeforeAll
    void start() throws Exception {
        sipPort = Ports.free();
        // A group of equal-q phones rings for 2 s before the next group is tried (serial forking);
        // the Flow-Timers are set, not the defaults (120 s, 29 s).
        server = ServerProcess.withUsers(
                "flows-it",
                "127.0.0.1:" + sipPort,
                List.of("alice", "bob", "carol", "dave"),
                List.of("--ring-timeout", "2", "--flow-timer", "95", "--flow-timer-udp", "25"));
        bob = SipTestAgent.start("bob", "Bob", "localhost", "127.0.0.1:" + sipPort);
    }

    @AfterAll
    void stop() throws Exception {
        if (bob != null) {
            bob.close();
        }
        if (server != null) {
            server.terminate();
        }
    }

    @Test
    void aClosedTcpConnectionFailsItsCallsAtOnceUntilThePhoneRegistersAgain() throws Exception {
        long closed = server.metric("parley_flows_closed_total");
        long dropped = server.metric("parley_flow_bindings_dropped_total");
        Socket phone = connect();
        int port = phone.getLocalPort();
        // As behind a NAT: the Contact names the phone's own port, not the one it connected from.
        int listening = Ports.free();
        String contact = "<sip:alice@127.0.0.1:" + listening + ";transport=tcp>";
        assertThat(register(phone, contact, "")).startsWith("SIP/2.0 200 ").contains(contact);
        assertThat(callIsBusy(phone)).startsWith("INVITE sip:alice@127.0.0.1:" + listening);

        closeAbruptly(phone);
        awaitMetric("parley_flows_closed_total", closed + 1);
        awaitMetric("parley_flow_bindings_dropped_total", dropped + 1);
        try (ServerSocket oldPort = listenOn(port);
                ServerSocket contactPort = listenOn(listening)) {
            ClientTransaction call = bob.call("sip:alice@localhost", "");
            assertThat(bob.awaitStatus(call, Response.TEMPORARILY_UNAVAILABLE, Duration.ofSeconds(3))
                            .getStatusCode())
                    .isEqualTo(480);
            // Nobody connected to where the phone's connection came from, nor to its Contact.
            oldPort.setSoTimeout(300);
            assertThatThrownBy(oldPort::accept).isInstanceOf(SocketTimeoutException.class);
            contactPort.setSoTimeout(100);
            assertThatThrownBy(contactPort::accept).isInstanceOf(SocketTimeoutException.class);
        }

        try (Socket again = connect()) {
            assertThat(register(again, contact, "")).startsWith("SIP/2.0 200 ");
            assertThat(callIsBusy(again)).startsWith("INVITE sip:alice@127.0.0.1:" + listening);
        }
    }

    @Test
    void outboundFlowsAreAlternativesAndACallTakesTheOneStillOpen() throws Exception {
        long closed = server.metric("parley_flows_closed_total");
        long dropped = server.metric("parley_flow_bindings_dropped_total");
        try (Socket first = connect();
                Socket second = connect()) {
            String ok1 = register(first, outboundContact(first, 1), "Supported: outbound\r\n");
            assertThat(ok1)
                    .startsWith("SIP/2.0 200 ")
                    .containsPattern("(?mi)^Require: outbound$")
                    .containsPattern("(?mi)^Flow-Timer: 95$");
            String ok2 = register(second, outboundContact(second, 2), "Supported: outbound\r\n");
            assertThat(ok2)
                    .startsWith("SIP/2.0 200 ")
                    .contains(";transport=tcp;ob>", "reg-id=1", "reg-id=2", "+sip.instance=\"" + INSTANCE + "\"");

            // RFC 5626 §4.4.1: a CRLFCRLF ping is answered with a CRLF pong.
            SipStream.send(first, "\r\n\r\n");
            assertThat(new String(first.getInputStream().readNBytes(2), StandardCharsets.US_ASCII))
                    .isEqualTo("\r\n");

            // One flow of the device at a time: the newest (reg-id 2); the first hears nothing.
            assertThat(callIsBusy(second)).startsWith("INVITE sip:alice@127.0.0.1:" + second.getLocalPort());
            first.setSoTimeout(300);
            assertThatThrownBy(() -> SipStream.read(first)).isInstanceOf(SocketTimeoutException.class);
            first.setSoTimeout(10_000);

            closeAbruptly(second);
            awaitMetric("parley_flows_closed_total", closed + 1);
            assertThat(callIsBusy(first)).startsWith("INVITE sip:alice@127.0.0.1:" + first.getLocalPort());
            // Outbound bindings outlive their flow (the phone registers a new one with the same reg-id).
            assertThat(server.metric("parley_flow_bindings_dropped_total")).isEqualTo(dropped);

            closeAbruptly(first);
            awaitMetric("parley_flows_closed_total", closed + 2);
            ClientTransaction call = bob.call("sip:alice@localhost", "");
            assertThat(bob.awaitStatus(call, Response.TEMPORARILY_UNAVAILABLE, Duration.ofSeconds(3))
                            .getStatusCode())
                    .isEqualTo(480);
        }
    }

    /**
     * RFC 5626 §5.3: carol's desk phone (UDP, q=1.0) rings first; meanwhile the newest flow of
     * her softphone (two outbound flows, q=0.5) closes. When the desk phone's ring time is up,
     * sending on that flow fails, and the INVITE goes over the softphone's other flow, whose
     * 603 the caller gets.
     */
    @Test
    void aFlowThatFailsWhenTheCallComesToItFallsBackToTheDevicesOtherFlow() throws Exception {
        long closed = server.metric("parley_flows_closed_total");
        String instance = INSTANCE.replace("6bf6", "0003");
        try (SipTestAgent desk = SipTestAgent.start("carol", "Carol", "localhost", "127.0.0.1:" + sipPort);
                Socket older = connect();
                Socket newer = connect()) {
            assertThat(desk.register(1.0f).getStatusCode()).isEqualTo(200);
            for (Socket flow : List.of(older, newer)) {
                String contact = "<sip:carol@127.0.0.1:" + flow.getLocalPort() + ";transport=tcp;ob>;reg-id="
                        + (flow == older ? 1 : 2) + ";+sip.instance=\"" + instance + "\";q=0.5";
                assertThat(register(flow, "carol", contact, "Supported: outbound\r\n"))
                        .startsWith("SIP/2.0 200 ");
            }

            ClientTransaction call = bob.call("sip:carol@localhost", "");
            desk.awaitRequest(javax.sip.message.Request.INVITE);
            closeAbruptly(newer);
            awaitMetric("parley_flows_closed_total", closed + 1);

            String invite = SipStream.read(older);
            assertThat(invite).startsWith("INVITE sip:carol@127.0.0.1:" + older.getLocalPort());
            // A 6xx ends the search and goes to the caller as it is (RFC 3261 §16.7 step 5).
            SipStream.send(older, SipStream.answer(invite, 603, "Decline", "carol-declines"));
            assertThat(bob.awaitStatus(call, Response.DECLINE, Duration.ofSeconds(5))
                            .getStatusCode())
                    .isEqualTo(603);
            assertThat(SipStream.read(older)).startsWith("ACK ");
            assertThat(server.stderr()).contains("sent over the device's other flow");
        }
    }

    /**
     * RFC 5626 §5.3 for the focus's dial-out (RFC 4579 §5.5): bob hosts a meeting and invites
     * dave, whose phone registered two outbound flows. The INVITE goes over the newest, which
     * never answers (as when a NAT forgot it); when that transaction times out (Timer B, 32 s) the
     * INVITE goes over the other flow, and dave's answer there ends bob's REFER. Bob's phone
     * sends silence meanwhile, or the mixer's RTP timeout (30 s) would end his meeting first.
     */
    @Test
    void aMeetingsDialOutTakesTheDevicesOtherFlowWhenTheNewestNeverAnswers() throws Exception {
        String instance = INSTANCE.replace("6bf6", "0004");
        AtomicBoolean talking = new AtomicBoolean(true);
        try (Socket older = connect();
                Socket newer = connect();
                DatagramSocket bobRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", bob.port + 2))) {
            for (Socket flow : List.of(older, newer)) {
                String contact = "<sip:dave@127.0.0.1:" + flow.getLocalPort() + ";transport=tcp;ob>;reg-id="
                        + (flow == older ? 1 : 2) + ";+sip.instance=\"" + instance + "\"";
                assertThat(register(flow, "dave", contact, "Supported: outbound\r\n"))
                        .startsWith("SIP/2.0 200 ");
            }
            Response hosted = bob.invite("sip:conference@localhost", FocusIT.offer(bob, 4444, "0=PCMU/8000"));
            javax.sip.Dialog meeting = bob.dialogOf(hosted);
            Thread bobTalks =
                    new Thread(() -> RtpTimeoutIT.sendUntil(bobRtp, FocusIT.mixerAudio(hosted), 4444, talking));
            bobTalks.start();
            assertThat(bob.inDialog(meeting, FocusIT.refer(bob, meeting, "sip:dave@localhost"))
                            .getStatusCode())
                    .isEqualTo(202);

            assertThat(SipStream.read(newer)).startsWith("INVITE sip:dave@127.0.0.1:" + newer.getLocalPort());
            older.setSoTimeout(45_000);
            String invite = SipStream.read(older);
            assertThat(invite).startsWith("INVITE sip:dave@127.0.0.1:" + older.getLocalPort());
            SipStream.send(older, SipStream.answer(invite, 486, "Busy Here", "dave-busy"));
            assertThat(SipStream.read(older)).startsWith("ACK ");
            assertThat(referOutcome(meeting)).startsWith("SIP/2.0 486 Busy Here");
            assertThat(server.stderr()).contains("dial-out to sip:dave@localhost: the device's other flow");
            assertThat(bob.inDialog(meeting, "BYE", "", "", "").getStatusCode()).isEqualTo(200);
        } finally {
            talking.set(false);
        }
    }

    /**
     * The focus's own requests in a call it placed over a flow (RFC 5626 §5.3): dave's phone is
     * on one outbound flow and its Contact names a port nobody listens on (as behind a NAT). Bob's
     * meeting calls dave over the flow, and the focus's ACK and, when bob closes the meeting, its
     * BYE come over the flow too.
     */
    @Test
    void theFocussRequestsInItsCallToAPhoneOnAFlowComeOverTheFlow() throws Exception {
        String uri = "sip:dave@127.0.0.1:" + Ports.free() + ";transport=tcp;ob";
        try (Socket phone = connect()) {
            String outbound = ";reg-id=1;+sip.instance=\"" + INSTANCE.replace("6bf6", "0005") + "\"";
            assertThat(register(phone, "dave", "<" + uri + ">" + outbound, "Supported: outbound\r\n"))
                    .startsWith("SIP/2.0 200 ");
            Response hosted = bob.invite("sip:conference@localhost", FocusIT.offer(bob, 5555, "0=PCMU/8000"));
            javax.sip.Dialog meeting = bob.dialogOf(hosted);
            assertThat(bob.inDialog(meeting, FocusIT.refer(bob, meeting, "sip:dave@localhost"))
                            .getStatusCode())
                    .isEqualTo(202);
            String invite = SipStream.read(phone);
            assertThat(invite).startsWith("INVITE " + uri);
            SipStream.send(
                    phone,
                    SipStream.answer(invite, 200, "OK", "dave-flow", "Contact: <" + uri + ">\r\n", sdp(Ports.free())));
            assertThat(SipStream.read(phone)).startsWith("ACK " + uri);
            assertThat(referOutcome(meeting)).startsWith("SIP/2.0 200 OK");
            bobCloses(meeting, phone, uri, "dave-flow");
        }
    }

    /**
     * A guest of another domain joins bob's meeting over TCP, its Contact naming a port nobody
     * listens on (as behind a NAT): the focus's BYE when bob closes the meeting comes over the
     * guest's connection, not to the Contact.
     */
    @Test
    void theFocussByeToAMemberOnAConnectionComesOverIt() throws Exception {
        String uri = "sip:guest@127.0.0.1:" + Ports.free() + ";transport=tcp";
        try (Socket phone = connect()) {
            Response hosted = bob.invite("sip:conference@localhost", FocusIT.offer(bob, 6666, "0=PCMU/8000"));
            javax.sip.Dialog meeting = bob.dialogOf(hosted);
            String join = "INVITE sip:" + FocusIT.roomOf(hosted) + "@localhost SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bK-guest-join\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:guest@example.org>;tag=guest-it\r\n"
                    + "To: <sip:" + FocusIT.roomOf(hosted) + "@localhost>\r\n"
                    + "Call-ID: guest-join@127.0.0.1\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <" + uri + ">\r\n";
            String offer = sdp(Ports.free());
            SipStream.send(
                    phone,
                    join + "Content-Type: application/sdp\r\nContent-Length: " + offer.length() + "\r\n\r\n" + offer);
            String ok = SipStream.read(phone);
            while (ok.startsWith("SIP/2.0 1")) {
                ok = SipStream.read(phone);
            }
            assertThat(ok).startsWith("SIP/2.0 200 ");
            String focus = contactUri(SipStream.header(ok, "Contact"));
            SipStream.send(
                    phone,
                    "ACK " + focus + " SIP/2.0\r\n"
                            + "Via: SIP/2.0/TCP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bK-guest-ack\r\n"
                            + "Max-Forwards: 70\r\n"
                            + "From: <sip:guest@example.org>;tag=guest-it\r\n"
                            + "To: " + SipStream.header(ok, "To") + "\r\n"
                            + "Call-ID: guest-join@127.0.0.1\r\n"
                            + "CSeq: 1 ACK\r\n"
                            + "Content-Length: 0\r\n\r\n");
            bobCloses(meeting, phone, uri, "guest-it");
        }
    }

    /** The final status of the REFER bob sent in {@code meeting}, from its progress NOTIFYs. */
    private String referOutcome(javax.sip.Dialog meeting) throws Exception {
        String callId = meeting.getCallId().getCallId();
        String progress;
        do {
            progress = SipTestAgent.body(bob.awaitRequest(
                    "NOTIFY",
                    r -> r.getHeader("Event").toString().contains("refer")
                            && ((javax.sip.header.CallIdHeader) r.getHeader("Call-ID"))
                                    .getCallId()
                                    .equals(callId)));
        } while (progress.startsWith("SIP/2.0 1"));
        return progress;
    }

    /** Bob closes his meeting: the focus's BYE to the member on {@code phone} ({@code uri}) comes over it. */
    private void bobCloses(javax.sip.Dialog meeting, Socket phone, String uri, String tag) throws Exception {
        assertThat(bob.inDialog(meeting, "INFO", "conference-control", "application/json", "{\"action\":\"close\"}")
                        .getStatusCode())
                .isEqualTo(200);
        String bye = SipStream.read(phone);
        assertThat(bye).startsWith("BYE " + uri).contains("Meeting closed by the host");
        SipStream.send(phone, SipStream.answer(bye, 200, "OK", tag));
    }

    /** A phone's audio offer or answer: PCMU on {@code port}. */
    private static String sdp(int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + "m=audio " + port
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    @Test
    void theDialogsRequestsComeBackOverTheConnectionNamedInTheFlowToken() throws Exception {
        // The phone's Contact names a port nobody listens on (as behind a NAT): only the
        // Record-Route's flow token brings the ACK and the BYE to its connection.
        int nowhere = Ports.free();
        String contact = "<sip:alice@127.0.0.1:" + nowhere + ";transport=tcp;ob>";
        try (Socket phone = connect()) {
            String ok = register(
                    phone,
                    contact + ";reg-id=1;+sip.instance=\"" + INSTANCE.replace("6bf6", "0001") + "\"",
                    "Supported: outbound\r\n");
            assertThat(ok).startsWith("SIP/2.0 200 ");
            ClientTransaction call = bob.call("sip:alice@localhost", "");
            String invite = SipStream.read(phone);
            assertThat(invite)
                    .startsWith("INVITE sip:alice@127.0.0.1:" + nowhere)
                    .containsPattern("<sip:[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+@127\\.0\\.0\\.1:" + sipPort + ";lr;ob>");
            SipStream.send(phone, SipStream.answer(invite, 200, "OK", "alice-1", "Contact: " + contact + "\r\n"));
            javax.sip.ResponseEvent answered = bob.awaitEvent(call, 200);
            bob.ack(answered);
            assertThat(SipStream.read(phone)).startsWith("ACK sip:alice@127.0.0.1:" + nowhere);

            bobHangsUp(answered.getDialog(), phone, "BYE sip:alice@127.0.0.1:" + nowhere, "alice-1");
        }
    }

    @Test
    void aCallFromUdpToTcpIsRecordRoutedOnEachTransportAndEitherSideCanHangUp() throws Exception {
        int nowhere = Ports.free();
        String contact = "<sip:alice@127.0.0.1:" + nowhere + ";transport=tcp>";
        try (Socket phone = connect()) {
            assertThat(register(phone, contact, "")).startsWith("SIP/2.0 200 ");

            // Bob (UDP) hangs up: the BYE follows his route set to alice's connection.
            Answered first = answered(phone, contact, "alice-rr1");
            List<String> routeSet = SipStream.recordRoutes(first.invite());
            // RFC 5658: the top entry is alice's side (TCP), the other bob's (UDP); both carry the flow token.
            assertThat(routeSet).hasSize(2);
            assertThat(routeSet.get(0))
                    .matches("<sip:[A-Za-z0-9_.-]+@127\\.0\\.0\\.1:" + sipPort + ";transport=tcp;lr;ob>");
            assertThat(routeSet.get(1)).matches("<sip:[A-Za-z0-9_.-]+@127\\.0\\.0\\.1:" + sipPort + ";lr;ob>");
            bobHangsUp(first.ok().getDialog(), phone, "BYE sip:alice@127.0.0.1:" + nowhere, "alice-rr1");

            // Alice (TCP) hangs up: her BYE, routed by the top entry over TCP, reaches bob over UDP.
            String invite = answered(phone, contact, "alice-rr2").invite();
            String callId = SipStream.header(invite, "Call-ID");
            SipStream.send(phone, byeFromCallee(phone, invite, "alice-rr2"));
            javax.sip.message.Request received = bob.awaitRequest(
                    "BYE",
                    r -> ((javax.sip.header.CallIdHeader) r.getHeader("Call-ID"))
                            .getCallId()
                            .equals(callId));
            assertThat(received.getRequestURI().toString()).isEqualTo(bob.contact());
            assertThat(SipStream.read(phone)).startsWith("SIP/2.0 200 ");
        }
    }

    /** Bob's BYE in {@code dialog} reaches {@code phone} (its first line {@code byeLine}), which answers 200. */
    private void bobHangsUp(javax.sip.Dialog dialog, Socket phone, String byeLine, String tag) throws Exception {
        java.util.concurrent.CompletableFuture<Response> hangUp =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return bob.inDialog(dialog, "BYE", "", "", "");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        String bye = SipStream.read(phone);
        assertThat(bye).startsWith(byeLine);
        SipStream.send(phone, SipStream.answer(bye, 200, "OK", tag));
        assertThat(hangUp.get(10, java.util.concurrent.TimeUnit.SECONDS).getStatusCode())
                .isEqualTo(200);
    }

    /** A call answered: the INVITE as alice's phone read it, and the 200 as bob got it. */
    private record Answered(String invite, javax.sip.ResponseEvent ok) {}

    /** Bob calls alice, who answers 200 on {@code phone} and reads bob's ACK. */
    private Answered answered(Socket phone, String contact, String tag) throws Exception {
        ClientTransaction call = bob.call("sip:alice@localhost", "");
        String invite = SipStream.read(phone);
        assertThat(invite).startsWith("INVITE sip:alice@127.0.0.1:");
        SipStream.send(phone, SipStream.answer(invite, 200, "OK", tag, "Contact: " + contact + "\r\n"));
        javax.sip.ResponseEvent ok = bob.awaitEvent(call, 200);
        bob.ack(ok);
        assertThat(SipStream.read(phone)).startsWith("ACK ");
        return new Answered(invite, ok);
    }

    /** The callee's BYE in the dialog of {@code invite} (RFC 3261 §12.2.1.1): route set, From and To swapped. */
    private static String byeFromCallee(Socket phone, String invite, String tag) {
        StringBuilder bye = new StringBuilder("BYE " + contactUri(SipStream.header(invite, "Contact")) + " SIP/2.0\r\n")
                .append("Via: SIP/2.0/TCP 127.0.0.1:")
                .append(phone.getLocalPort())
                .append(";branch=z9hG4bK-bye-")
                .append(tag)
                .append("\r\n");
        for (String route : SipStream.recordRoutes(invite)) {
            bye.append("Route: ").append(route).append("\r\n");
        }
        return bye.append("Max-Forwards: 70\r\n")
                .append("From: ")
                .append(SipStream.header(invite, "To"))
                .append(";tag=")
                .append(tag)
                .append("\r\nTo: ")
                .append(SipStream.header(invite, "From"))
                .append("\r\nCall-ID: ")
                .append(SipStream.header(invite, "Call-ID"))
                .append("\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n")
                .toString();
    }

    private static String contactUri(String contact) {
        int open = contact.indexOf('<');
        return open < 0 ? contact : contact.substring(open + 1, contact.indexOf('>'));
    }

    @Test
    void overUdpAnOutboundPhonesStunKeepAliveIsAnswered() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(5_000);
            String contact = "<sip:alice@127.0.0.1:" + phone.getLocalPort() + ";ob>;reg-id=1;+sip.instance=\""
                    + INSTANCE.replace("6bf6", "0002") + "\"";
            String ok = registerUdp(phone, contact);
            try {
                checkStun(phone, ok);
            } finally {
                // Unregistered again, so that the other tests' calls do not ring this phone.
                assertThat(registerUdp(phone, contact + ";expires=0")).startsWith("SIP/2.0 200 ");
            }
        }
    }

    /** The 200 says outbound with a UDP Flow-Timer, and a STUN Binding request is answered. */
    private void checkStun(DatagramSocket phone, String ok) throws Exception {
        int local = phone.getLocalPort();
        assertThat(ok)
                .startsWith("SIP/2.0 200 ")
                .containsPattern("(?mi)^Require: outbound$")
                .containsPattern("(?mi)^Flow-Timer: 25$");

        // RFC 5626 §4.4.2: a STUN Binding request to the SIP port; the answer says where it came from.
        byte[] transaction = HexFormat.of().parseHex("0102030405060708090a0b0c");
        byte[] request = ByteBuffer.allocate(20)
                .putShort((short) 0x0001)
                .putShort((short) 0)
                .putInt(0x2112A442)
                .put(transaction)
                .array();
        long answered = server.metric("parley_stun_keepalives_total");
        phone.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), sipPort));
        DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
        phone.receive(in);
        ByteBuffer answer = ByteBuffer.wrap(in.getData(), 0, in.getLength());
        assertThat(answer.getShort(0)).isEqualTo((short) 0x0101);
        assertThat(Arrays.copyOfRange(in.getData(), 8, 20)).isEqualTo(transaction);
        assertThat(answer.getShort(20)).isEqualTo((short) 0x0020);
        assertThat(answer.getShort(26) & 0xFFFF).isEqualTo(local ^ 0x2112);
        assertThat(answer.getInt(28) ^ 0x2112A442).isEqualTo(0x7F000001);
        assertThat(server.metric("parley_stun_keepalives_total")).isEqualTo(answered + 1);
    }

    /** REGISTER with Supported: outbound over UDP from {@code phone}, answering the 401. */
    private String registerUdp(DatagramSocket phone, String contact) throws IOException {
        int local = phone.getLocalPort();
        String extra = "Supported: outbound\r\n";
        String challenge =
                exchange(phone, DigestAnswer.register("UDP", sipPort, local, "alice", cseq++, contact, "", extra));
        assertThat(challenge).startsWith("SIP/2.0 401 ");
        String authorization = DigestAnswer.authorization(
                challenge, "alice", SipTestAgent.password("alice"), "REGISTER", "sip:127.0.0.1:" + sipPort);
        return exchange(
                phone, DigestAnswer.register("UDP", sipPort, local, "alice", cseq++, contact, authorization, extra));
    }

    private String exchange(DatagramSocket phone, String message) throws IOException {
        return DigestAnswer.exchange(phone, sipPort, message);
    }

    private String outboundContact(Socket s, int regId) {
        return "<sip:alice@127.0.0.1:" + s.getLocalPort() + ";transport=tcp;ob>;reg-id=" + regId + ";+sip.instance=\""
                + INSTANCE + "\"";
    }

    /** Bob calls alice; the INVITE must arrive on {@code phone}, which answers 486; returns the INVITE. */
    private String callIsBusy(Socket phone) throws Exception {
        ClientTransaction call = bob.call("sip:alice@localhost", "");
        String invite = SipStream.read(phone);
        SipStream.send(phone, SipStream.answer(invite, 486, "Busy Here", "busy-" + phone.getLocalPort()));
        assertThat(bob.awaitStatus(call, Response.BUSY_HERE, Duration.ofSeconds(5))
                        .getStatusCode())
                .isEqualTo(486);
        assertThat(SipStream.read(phone)).startsWith("ACK ");
        return invite;
    }

    /** REGISTER of alice over {@code phone}, answering the 401; returns the final response. */
    private String register(Socket phone, String contact, String extra) throws IOException {
        return register(phone, "alice", contact, extra);
    }

    private String register(Socket phone, String user, String contact, String extra) throws IOException {
        int local = phone.getLocalPort();
        SipStream.send(phone, DigestAnswer.register("TCP", sipPort, local, user, cseq++, contact, "", extra));
        String challenge = SipStream.read(phone);
        assertThat(challenge).startsWith("SIP/2.0 401 ");
        String authorization = DigestAnswer.authorization(
                challenge, user, SipTestAgent.password(user), "REGISTER", "sip:127.0.0.1:" + sipPort);
        SipStream.send(
                phone, DigestAnswer.register("TCP", sipPort, local, user, cseq++, contact, authorization, extra));
        return SipStream.read(phone);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", sipPort);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Closes with a reset, so the port has no TIME_WAIT and can be listened on again at once. */
    private static void closeAbruptly(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static ServerSocket listenOn(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    private void awaitMetric(String series, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.metric(series) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(series + " stayed below " + atLeast);
            }
            Thread.sleep(20);
        }
    }
}
