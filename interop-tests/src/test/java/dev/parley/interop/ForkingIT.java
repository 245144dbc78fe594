package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Serial forking by q (RFC 3261 §16.6) and Timer C (§16.6 step 11, §16.7 step 2) through the
 * real {@code parley server}, with jain-sip agents as phones, for calls through the proxy and for
 * a meeting's dial-out (RFC 4579 §5.5). The server runs with {@code --ring-timeout 4} (how long
 * the phones of one q ring) and {@code --timer-c 2}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForkingIT {
    private ServerProcess server;
    private String sipServer;
    private final List<SipTestAgent> agents = new ArrayList<>();
    /** The alices registered by the running test. */
    private final List<SipTestAgent> alices = new ArrayList<>();

    private final ScheduledExecutorService ringer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    void start() throws Exception {
        sipServer = "127.0.0.1:" + Ports.free();
        server = ServerProcess.withUsers(
                "it-forking-",
                sipServer,
                List.of("alice", "gina", "hank", "ivan", "judy", "kim", "lena", "mona", "nora", "otto"),
                List.of("--ring-timeout", "4", "--timer-c", "2", "--dial-out-ring-time", "3"));
    }

    @AfterAll
    void stop() throws Exception {
        ringer.shutdownNow();
        agents.forEach(SipTestAgent::close);
        if (server != null) {
            server.terminate();
        }
    }

    private SipTestAgent phone(String user, float q) throws Exception {
        return registered(SipTestAgent.start(user, user, "localhost", sipServer), q);
    }

    /**
     * A phone whose SIP stack keeps no dialogs, so that every request reaches the test in
     * whatever order the stack's threads take them: an ACK that a dialog-keeping stack handles
     * after the BYE that ended its dialog is dropped there.
     */
    private SipTestAgent phoneWithoutDialogs(String user, float q) throws Exception {
        return registered(SipTestAgent.startWithoutDialogs(user, "localhost", sipServer), q);
    }

    private SipTestAgent registered(SipTestAgent a, float q) throws Exception {
        agents.add(a);
        assertThat(a.register(q).getStatusCode()).isEqualTo(200);
        return a;
    }

    private SipTestAgent alice() throws Exception {
        SipTestAgent a = SipTestAgent.start("alice", "alice", "localhost", sipServer);
        agents.add(a);
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

    /** The caller got the phone's 200 with its Contact, ACKs it and hangs up. */
    private static void connectedTo(SipTestAgent alice, ClientTransaction call, SipTestAgent phone) throws Exception {
        ResponseEvent ok = alice.answeredBy(call, phone);
        assertThat(phone.awaitRequest(Request.ACK).getRequestURI().toString()).isEqualTo(phone.contact());
        assertThat(alice.inDialog(ok.getDialog(), Request.BYE, "", "", "").getStatusCode())
                .isEqualTo(200);
    }

    /** The phone sends 180 again every 700 ms until the test ends, as a phone reporting progress. */
    private void keepRinging(SipTestAgent phone, Request invite) {
        ringer.scheduleWithFixedDelay(
                () -> {
                    try {
                        phone.ringAgain(invite);
                    } catch (Exception e) {
                        // the INVITE ended meanwhile
                    }
                },
                700,
                700,
                TimeUnit.MILLISECONDS);
    }

    @Test
    void theDeskDeclinesAndTheCallReachesTheMobileWithTheLowerQ() throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent desk = phone("gina", 1.0f);
        SipTestAgent mobile = phone("gina", 0.5f);

        ClientTransaction call = alice.call("sip:gina@localhost", offer(alice));
        Request atDesk = desk.awaitRequest(Request.INVITE);
        assertThat(mobile.receivesNo(Request.INVITE, Duration.ofMillis(500)))
                .as("q=0.5 waits while q=1.0 rings")
                .isTrue();
        desk.decline(atDesk, Response.BUSY_HERE);
        Request atMobile = mobile.awaitRequest(Request.INVITE);
        mobile.answer(atMobile, offer(mobile));
        connectedTo(alice, call, mobile);
        assertThat(server.stderr()).contains("proxy: call sip:alice@localhost -> sip:gina@localhost: 200 (2 branches");
    }

    @Test
    void aDeskThatRingsOnIsCancelledAfterTheRingTimeAndTheMobileRings() throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent desk = phone("judy", 0.9f);
        SipTestAgent mobile = phone("judy", 0.1f);

        ClientTransaction call = alice.call("sip:judy@localhost", offer(alice));
        Request atDesk = desk.awaitRequest(Request.INVITE);
        keepRinging(desk, atDesk);
        // Past Timer C (2 s): the desk's repeated 180s keep its branch alive until the ring time (4 s).
        assertThat(mobile.receivesNo(Request.INVITE, Duration.ofMillis(2800))).isTrue();
        Request atMobile = mobile.awaitRequest(Request.INVITE);
        desk.awaitRequest(Request.CANCEL);
        mobile.answer(atMobile, offer(mobile));
        connectedTo(alice, call, mobile);
    }

    @Test
    void aSixHundredFromTheDeskEndsTheSearch() throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent desk = phone("hank", 1.0f);
        SipTestAgent mobile = phone("hank", 0.5f);

        ClientTransaction call = alice.call("sip:hank@localhost", offer(alice));
        desk.decline(desk.awaitRequest(Request.INVITE), Response.DECLINE);
        assertThat(alice.awaitEvent(call, 200).getResponse().getStatusCode()).isEqualTo(603);
        assertThat(mobile.receivesNo(Request.INVITE, Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void aPhoneSilentAfterTryingIsCancelledByTimerCAndTheCallerGets408() throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent hung = phone("ivan", 1.0f);
        hung.silentAfterTrying();

        ClientTransaction call = alice.call("sip:ivan@localhost", offer(alice));
        hung.awaitRequest(Request.INVITE);
        hung.awaitRequest(Request.CANCEL);
        Response timedOut = alice.awaitEvent(call, 200).getResponse();
        assertThat(timedOut.getStatusCode()).isEqualTo(408);
    }

    @Test
    void aPhoneRingingAgainAndAgainOutlivesTimerCAndIsAnswered() throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent phone = phone("kim", 1.0f);

        ClientTransaction call = alice.call("sip:kim@localhost", offer(alice));
        Request invite = phone.awaitRequest(Request.INVITE);
        keepRinging(phone, invite);
        assertThat(phone.receivesNo(Request.CANCEL, Duration.ofMillis(3000)))
                .as("every 180 restarts Timer C (2 s)")
                .isTrue();
        phone.answer(invite, offer(phone));
        connectedTo(alice, call, phone);
    }

    /**
     * The meeting's dial-out forks like the proxy: the host's REFER names lena, whose desk (q=1.0)
     * rings alone and is busy (486); only then her mobile (q=0.5) rings, answers, and lena is in
     * the meeting: the REFER's progress ends in 200, and the host's close BYEs the mobile.
     */
    @Test
    void aMeetingsDialOutRingsTheLowerQWhenTheHigherIsBusy() throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent desk = phone("lena", 1.0f);
        SipTestAgent mobile = phone("lena", 0.5f);
        Dialog meeting = meetingReferring(alice, "sip:lena@localhost", 7101);

        Request atDesk = desk.awaitRequest(Request.INVITE);
        assertThat(mobile.receivesNo(Request.INVITE, Duration.ofMillis(500)))
                .as("q=0.5 waits while q=1.0 rings")
                .isTrue();
        desk.decline(atDesk, Response.BUSY_HERE);
        Request atMobile = mobile.awaitRequest(Request.INVITE);
        assertThat(atMobile.getHeader("From").toString()).contains("Meeting ");
        mobile.answer(atMobile, FocusIT.offer(mobile, 7102, "0=PCMU/8000"));
        mobile.awaitRequest(Request.ACK);
        assertThat(referProgressEnd(alice)).startsWith("SIP/2.0 200 OK");
        closes(alice, meeting, mobile);
    }

    /**
     * Mona's two phones registered with the same q ring together for the meeting's dial-out; the
     * one that answers joins, and the other gets CANCEL (RFC 3261 §16.7 step 5, as the proxy does).
     */
    @Test
    void aMeetingsDialOutRingsPhonesOfEqualQTogetherAndCancelsTheOther() throws Exception {
        EqualQ q = officeAnswersKitchenIsCancelled("mona", 7201, false);
        assertThat(referProgressEnd(q.alice())).startsWith("SIP/2.0 200 OK");
        closes(q.alice(), q.meeting(), q.office());
    }

    /**
     * Nora's kitchen phone answers as the focus's CANCEL is on its way, after her office phone won:
     * the focus ACKs that 200 and ends the call with a BYE that says why (RFC 3326), and only the
     * office phone is in the meeting.
     */
    @Test
    void aMeetingsDialOutEndsA200ThatCrossedItsCancel() throws Exception {
        EqualQ q = officeAnswersKitchenIsCancelled("nora", 7203, true);
        q.kitchen().answer(q.inKitchen(), FocusIT.offer(q.kitchen(), 7205, "0=PCMU/8000"));
        Request bye = q.kitchen().awaitEach(Request.ACK, Request.BYE).get(1);
        assertThat(bye.getHeader("Reason").toString()).contains("cause=200").contains("Call completed elsewhere");
        assertThat(referProgressEnd(q.alice())).startsWith("SIP/2.0 200 OK");
        closes(q.alice(), q.meeting(), q.office());
        assertThat(q.kitchen().receivesNo(Request.BYE, Duration.ofSeconds(1))).isTrue();
    }

    /** A meeting's dial-out to a user with two phones of equal q, after the office phone answered. */
    private record EqualQ(
            SipTestAgent alice, Dialog meeting, SipTestAgent kitchen, SipTestAgent office, Request inKitchen) {}

    /**
     * {@code user}'s kitchen and office phones (both q=0.8) ring together for alice's meeting
     * (SSRC {@code ssrc}); the office answers and joins, and the kitchen gets CANCEL. With {@code
     * pastCancel} the kitchen leaves its INVITE ringing after the CANCEL.
     */
    private EqualQ officeAnswersKitchenIsCancelled(String user, long ssrc, boolean pastCancel) throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent kitchen = pastCancel ? phoneWithoutDialogs(user, 0.8f) : phone(user, 0.8f);
        SipTestAgent office = phone(user, 0.8f);
        if (pastCancel) {
            kitchen.answersPastCancel();
        }
        Dialog meeting = meetingReferring(alice, "sip:" + user + "@localhost", ssrc);
        Request inKitchen = kitchen.awaitRequest(Request.INVITE);
        Request atOffice = office.awaitRequest(Request.INVITE);
        office.answer(atOffice, FocusIT.offer(office, ssrc + 1, "0=PCMU/8000"));
        office.awaitRequest(Request.ACK);
        kitchen.awaitRequest(Request.CANCEL);
        return new EqualQ(alice, meeting, kitchen, office, inKitchen);
    }

    /**
     * Otto's phone rings and nobody picks up: after the dial-out ring time (3 s here, {@code
     * --dial-out-ring-time}) the phone gets CANCEL and the REFER's progress ends in 480.
     */
    @Test
    void aMeetingsDialOutNobodyAnswersEndsIn480AfterTheDialOutRingTime() throws Exception {
        SipTestAgent alice = alice();
        SipTestAgent desk = phone("otto", 1.0f);
        Dialog meeting = meetingReferring(alice, "sip:otto@localhost", 7206);
        desk.awaitRequest(Request.INVITE);
        long ringing = System.nanoTime();
        desk.awaitRequest(Request.CANCEL);
        assertThat(Duration.ofNanos(System.nanoTime() - ringing))
                .isBetween(Duration.ofMillis(2_000), Duration.ofMillis(8_000));
        assertThat(referProgressEnd(alice)).startsWith("SIP/2.0 480");
        FocusIT.close(alice, meeting);
    }

    /** Alice (SSRC {@code ssrc}) makes a meeting and REFERs it to {@code uri}; returns her call with the focus. */
    private static Dialog meetingReferring(SipTestAgent alice, String uri, long ssrc) throws Exception {
        Response created = alice.invite("sip:conference@localhost", FocusIT.offer(alice, ssrc, "0=PCMU/8000"));
        assertThat(created.getStatusCode()).isEqualTo(200);
        Dialog meeting = alice.dialogOf(created);
        assertThat(alice.inDialog(meeting, FocusIT.refer(alice, meeting, uri)).getStatusCode())
                .isEqualTo(202);
        return meeting;
    }

    /** The REFER's progress NOTIFYs up to the final one; its status line. */
    private static String referProgressEnd(SipTestAgent host) throws Exception {
        while (true) {
            String line = SipTestAgent.body(host.awaitRequest(
                    Request.NOTIFY, r -> r.getHeader("Event").toString().contains("refer")));
            if (line.matches("SIP/2\\.0 [2-6]\\d\\d[\\s\\S]*")) {
                return line;
            }
        }
    }

    /** The host closes the meeting: the dialed-out {@code member} gets the BYE with its Reason. */
    private static void closes(SipTestAgent host, Dialog meeting, SipTestAgent member) throws Exception {
        FocusIT.close(host, meeting);
        assertThat(member.awaitRequest(Request.BYE).getHeader("Reason").toString())
                .contains("Meeting closed by the host");
    }
}
