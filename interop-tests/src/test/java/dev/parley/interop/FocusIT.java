package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.g711.MuLaw;
import java.io.ByteArrayInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.Dialog;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A meeting through the real {@code parley server} (which starts its own mixer JVM) with
 * three jain-sip agents: create, join twice, the member list over RFC 4575, a non-host's
 * close refused, the host's close ending everything; and the failure answers of the focus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FocusIT {
    static final String NS = "urn:ietf:params:xml:ns:conference-info";

    private Path dir;
    private ServerProcess server;
    private String sipServer;
    private final List<SipTestAgent> agents = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        // A directory of its own per run: a second run in the same tree starts from an empty store.
        dir = Path.of("target", "it-focus", Long.toString(System.currentTimeMillis()))
                .toAbsolutePath();
        Files.createDirectories(dir);
        int sipPort = Ports.free();
        sipServer = "127.0.0.1:" + sipPort;
        List<String> store = List.of("--data", dir.resolve("data").toString());
        for (String user : List.of(
                "alice", "bob", "carol", "mallory", "dave", "erin", "frank", "heidi", "ivan", "judy", "kim", "leo")) {
            ServerProcess.addUser(store, user, SipTestAgent.password(user));
        }
        // jain-sip's client answers MD5 challenges only
        server = ServerProcess.start(
                dir,
                Ports.free(),
                List.of(
                        "--data",
                        dir.resolve("data").toString(),
                        "--sip-listen",
                        sipServer,
                        "--digest-algorithms",
                        "MD5"));
    }

    @AfterAll
    void stop() throws Exception {
        agents.forEach(SipTestAgent::close);
        if (server != null) {
            server.terminate();
        }
    }

    SipTestAgent agent(String user, String name) throws Exception {
        SipTestAgent a = SipTestAgent.start(user, name, "localhost", sipServer);
        agents.add(a);
        return a;
    }

    static String offer(SipTestAgent a, long ssrc, String... codecs) {
        StringBuilder pts = new StringBuilder();
        StringBuilder maps = new StringBuilder();
        for (String c : codecs) {
            String[] pt = c.split("=");
            pts.append(' ').append(pt[0]);
            maps.append("a=rtpmap:").append(pt[0]).append(' ').append(pt[1]).append("\r\n");
        }
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + (a.port + 2) + " RTP/AVP" + pts + "\r\n" + maps
                + "a=ssrc:" + ssrc + " cname:" + a.user + "\r\na=sendrecv\r\n";
    }

    static String roomOf(Response ok) {
        String contact =
                ((ContactHeader) ok.getHeader(ContactHeader.NAME)).toString().trim();
        // The room's ID at the address the INVITE reached, so the dialog's requests come back here.
        Matcher m = Pattern.compile("<sip:(\\d{6})@127\\.0\\.0\\.1:\\d+;transport=udp>;isfocus")
                .matcher(contact);
        assertThat(m.find()).as("Contact %s", contact).isTrue();
        return m.group(1);
    }

    /** The answer's m=audio line: the port the mixer gave. */
    static String mediaLine(Response r) {
        Matcher m = Pattern.compile("m=audio \\d+ ").matcher(SipTestAgent.body(r));
        assertThat(m.find()).isTrue();
        return m.group();
    }

    static Element conferenceInfo(Request notify) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(SipTestAgent.body(notify).getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    static String text(Element e, String tag) {
        return e.getElementsByTagNameNS(NS, tag).item(0).getTextContent();
    }

    @Test
    void createJoinWatchAndClose() throws Exception {
        SipTestAgent alice = agent("alice", "Alice");
        SipTestAgent bob = agent("bob", "Bob");
        SipTestAgent carol = agent("carol", "Carol");

        Response created = alice.invite("sip:conference@localhost", offer(alice, 1111, "0=PCMU/8000"));
        assertThat(created.getStatusCode()).isEqualTo(200);
        String room = roomOf(created);
        assertThat(SipTestAgent.body(created)).contains("m=audio ").contains("a=rtpmap:0 PCMU/8000");
        Response bobIn = bob.invite("sip:" + room + "@localhost", offer(bob, 2222, "8=PCMA/8000"));
        Response carolIn = carol.invite("sip:" + room + "@localhost", offer(carol, 3333, "9=G722/8000"));
        assertThat(bobIn.getStatusCode()).isEqualTo(200);
        assertThat(carolIn.getStatusCode()).isEqualTo(200);
        assertThat(roomOf(bobIn)).isEqualTo(room);
        com.fasterxml.jackson.databind.JsonNode live = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(server.get("/conferences"))
                .path("conferences")
                .get(0);
        assertThat(live.path("id").asText()).isEqualTo(room);
        assertThat(live.path("members").findValuesAsText("name")).containsExactly("Alice", "Bob", "Carol");
        assertThat(live.path("members").get(0).path("role").asText()).isEqualTo("host");

        assertThat(alice.subscribe("sip:" + room + "@localhost", "conference", 600)
                        .getStatusCode())
                .isEqualTo(200);
        Element full = conferenceInfo(alice.awaitRequest(Request.NOTIFY));
        assertThat(full.getAttribute("state")).isEqualTo("full");
        assertThat(full.getAttribute("entity")).isEqualTo("sip:" + room + "@localhost");
        NodeList users = full.getElementsByTagNameNS(NS, "user");
        assertThat(users.getLength()).isEqualTo(3);
        String[][] expected = {
            {"sip:alice@localhost", "Alice", "host", "1111"},
            {"sip:bob@localhost", "Bob", "participant", "2222"},
            {"sip:carol@localhost", "Carol", "participant", "3333"}
        };
        for (int i = 0; i < 3; i++) {
            Element u = (Element) users.item(i);
            assertThat(u.getAttribute("entity")).isEqualTo(expected[i][0]);
            assertThat(text(u, "display-text")).isEqualTo(expected[i][1]);
            assertThat(text(u, "entry")).isEqualTo(expected[i][2]);
            assertThat(text(u, "type")).isEqualTo("audio");
            assertThat(text(u, "src-id")).isEqualTo(expected[i][3]);
        }

        Dialog bobCall = bob.dialogOf(bobIn);
        Response held = bob.reinvite(bobCall, offer(bob, 2222, "8=PCMA/8000").replace("a=sendrecv", "a=sendonly"));
        assertThat(held.getStatusCode()).isEqualTo(200);
        assertThat(SipTestAgent.body(held)).contains("a=recvonly").contains(mediaLine(bobIn));
        Element hold = conferenceInfo(alice.awaitRequest(Request.NOTIFY));
        assertThat(hold.getAttribute("state")).isEqualTo("partial");
        assertThat(hold.getAttribute("version"))
                .isEqualTo(Integer.toString(Integer.parseInt(full.getAttribute("version")) + 1));
        Element bobNow = (Element) hold.getElementsByTagNameNS(NS, "user").item(0);
        assertThat(bobNow.getAttribute("entity")).isEqualTo("sip:bob@localhost");
        assertThat(text((Element) bobNow.getElementsByTagNameNS(NS, "media").item(0), "status"))
                .isEqualTo("sendonly");

        SipTestAgent mallory = agent("mallory", "Mallory");
        assertThat(mallory.subscribe("sip:" + room + "@localhost", "conference", 600)
                        .getStatusCode())
                .isEqualTo(403);

        Dialog bobDialog = bobCall;
        Response refused = bob.inDialog(
                bobDialog, Request.INFO, "conference-control", "application/json", "{\"action\":\"close\"}");
        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(bob.inDialog(bobDialog, Request.INFO, "x-unknown", "application/json", "{}")
                        .getStatusCode())
                .isEqualTo(469);
        assertThat(carol.receivesNo(Request.BYE, Duration.ofMillis(500))).isTrue();

        // RFC 4579 removal: REFER with Refer-To <member;method=BYE>. Bob is no host: 403 and
        // carol stays; alice is: 202, a NOTIFY (Event: refer, sipfrag 200), and carol's BYE.
        assertThat(bob.inDialog(bobDialog, referBye(bob, bobDialog, "sip:carol@localhost"))
                        .getStatusCode())
                .isEqualTo(403);
        assertThat(carol.receivesNo(Request.BYE, Duration.ofMillis(500))).isTrue();
        Dialog aliceDialog = alice.dialogOf(created);
        assertThat(alice.inDialog(aliceDialog, referBye(alice, aliceDialog, "sip:carol@localhost"))
                        .getStatusCode())
                .isEqualTo(202);
        assertThat(carol.awaitRequest(Request.BYE).getHeader("Reason").toString())
                .as("the BYE says why (RFC 3326)")
                .contains("Q.850")
                .contains("cause=16")
                .contains("Removed from the meeting by the host");
        Request referResult = alice.awaitRequest(
                Request.NOTIFY, r -> r.getHeader("Event").toString().contains("refer"));
        assertThat(SipTestAgent.body(referResult)).startsWith("SIP/2.0 200 OK");
        assertThat(referResult.getHeader("Subscription-State").toString()).contains("terminated");

        Response closed = alice.inDialog(
                aliceDialog, Request.INFO, "conference-control", "application/json", "{\"action\":\"close\"}");
        assertThat(closed.getStatusCode()).isEqualTo(200);
        assertThat(bob.awaitRequest(Request.BYE).getHeader("Reason").toString()).contains("Meeting closed by the host");
        alice.awaitRequest(Request.BYE);
        assertThat(carol.receivesNo(Request.BYE, Duration.ofMillis(300)))
                .as("carol was removed already")
                .isTrue();
        // Partial NOTIFYs (carol removed, the others leaving) come first; the last one ends it.
        Request last = alice.awaitRequest(
                Request.NOTIFY,
                r -> r.getHeader("Subscription-State").toString().contains("terminated"));
        assertThat(last.getHeader("Event").toString()).contains("conference");
        assertThat(bob.invite("sip:" + room + "@localhost", offer(bob, 2222, "0=PCMU/8000"))
                        .getStatusCode())
                .isEqualTo(404);
    }

    /**
     * RFC 4579 §5.5, adding a participant: the host's REFER names heidi, a registered user; the
     * focus calls her registered contact with its own offer, the host's REFER subscription follows
     * the call (100, 180, 200 as sipfrag), and heidi is in the member list once she answers. A
     * user with no registration gets 480, a domain DNS does not know 478; the host's close BYEs heidi
     * with the Reason.
     */
    @Test
    void aMemberInvitesARegisteredUserWhoJoinsWhenSheAnswers() throws Exception {
        SipTestAgent alice = agent("alice", "Alice");
        SipTestAgent heidi = agent("heidi", "Heidi");
        assertThat(heidi.register().getStatusCode()).isEqualTo(200);
        Response created = alice.invite("sip:conference@localhost", offer(alice, 7777, "0=PCMU/8000"));
        String room = roomOf(created);
        Dialog call = alice.dialogOf(created);
        assertThat(alice.subscribe("sip:" + room + "@localhost", "conference", 600)
                        .getStatusCode())
                .isEqualTo(200);
        assertThat(conferenceInfo(alice.awaitRequest(Request.NOTIFY)).getAttribute("state"))
                .isEqualTo("full");

        assertThat(alice.inDialog(call, refer(alice, call, "sip:ivan@localhost"))
                        .getStatusCode())
                .as("ivan has an account but no registration")
                .isEqualTo(480);
        assertThat(alice.inDialog(call, refer(alice, call, "sip:someone@nowhere.invalid"))
                        .getStatusCode())
                .as("another domain with no SIP server in DNS (RFC 6761 .invalid)")
                .isEqualTo(478);

        assertThat(alice.inDialog(call, refer(alice, call, "sip:heidi@localhost"))
                        .getStatusCode())
                .isEqualTo(202);
        Request invite = heidi.awaitRequest(Request.INVITE);
        assertThat(invite.getHeader("From").toString())
                .contains("Meeting " + room)
                .contains("sip:" + room + "@localhost");
        assertThat(invite.getHeader("Contact").toString())
                .contains("sip:" + room + "@127.0.0.1")
                .contains("isfocus");
        assertThat(SipTestAgent.body(invite)).contains("m=audio ").contains("PCMU/8000");
        List<String> progress = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            progress.add(SipTestAgent.body(alice.awaitRequest(
                    Request.NOTIFY, r -> r.getHeader("Event").toString().contains("refer"))));
        }
        assertThat(progress.get(0)).startsWith("SIP/2.0 100 Trying");
        assertThat(progress.get(1)).startsWith("SIP/2.0 180 Ringing");

        heidi.answer(invite, offer(heidi, 8888, "0=PCMU/8000"));
        heidi.awaitRequest(Request.ACK);
        // The REFER's last NOTIFY and the member list's may arrive in either order.
        Request done = null;
        Element joined = null;
        while (done == null || joined == null) {
            Request n = alice.awaitRequest(Request.NOTIFY);
            if (n.getHeader("Event").toString().contains("refer")) {
                done = n;
            } else {
                joined = conferenceInfo(n);
            }
        }
        assertThat(SipTestAgent.body(done)).startsWith("SIP/2.0 200 OK");
        assertThat(done.getHeader("Subscription-State").toString()).contains("terminated");
        Element heidiThere = (Element) joined.getElementsByTagNameNS(NS, "user").item(0);
        assertThat(heidiThere.getAttribute("entity")).isEqualTo("sip:heidi@localhost");
        assertThat(text(heidiThere, "entry")).isEqualTo("participant");
        assertThat(text(heidiThere, "src-id")).isEqualTo("8888");

        assertThat(alice.inDialog(
                                call, Request.INFO, "conference-control", "application/json", "{\"action\":\"close\"}")
                        .getStatusCode())
                .isEqualTo(200);
        assertThat(heidi.awaitRequest(Request.BYE).getHeader("Reason").toString())
                .contains("Meeting closed by the host");
    }

    /** The host closes its meeting with the conference-control INFO; the focus answers 200. */
    static void close(SipTestAgent host, Dialog meeting) throws Exception {
        assertThat(host.inDialog(
                                meeting,
                                Request.INFO,
                                "conference-control",
                                "application/json",
                                "{\"action\":\"close\"}")
                        .getStatusCode())
                .isEqualTo(200);
    }

    /** An in-dialog REFER asking the focus to invite {@code user} (RFC 4579 §5.5). */
    static Request refer(SipTestAgent agent, Dialog dialog, String user) throws Exception {
        Request refer = dialog.createRequest(Request.REFER);
        refer.addHeader(agent.headers().createHeader("Refer-To", "<" + user + ">"));
        return refer;
    }

    /** An in-dialog REFER asking the focus to remove {@code member} (RFC 4579 §5.5). */
    static Request referBye(SipTestAgent agent, Dialog dialog, String member) throws Exception {
        Request refer = dialog.createRequest(Request.REFER);
        refer.addHeader(agent.headers().createHeader("Refer-To", "<" + member + ";method=BYE>"));
        return refer;
    }

    /**
     * A late offer (RFC 3261 §13.2.1): an INVITE without SDP gets the focus's offer in the 200 and
     * the answer goes in the ACK. Dave answers PCMU and is in the meeting with audio; erin's ACK
     * brings no answer, so the focus ends her call with a BYE and she leaves the member list.
     */
    @Test
    void lateOfferTakesTheAnswerFromTheAck() throws Exception {
        SipTestAgent carol = agent("carol", "Carol");
        SipTestAgent dave = agent("dave", "Dave");
        SipTestAgent erin = agent("erin", "Erin");
        Response created = carol.invite("sip:conference@localhost", offer(carol, 4444, "0=PCMU/8000"));
        String room = roomOf(created);

        String[] offered = new String[1];
        Response daveIn = dave.inviteLate("sip:" + room + "@localhost", ok -> {
            offered[0] = SipTestAgent.body(ok);
            return offer(dave, 5555, "0=PCMU/8000").replace("o=- 1 1", "o=- 2 1");
        });
        assertThat(daveIn.getStatusCode()).isEqualTo(200);
        assertThat(offered[0])
                .as("the focus's offer")
                .contains("m=audio ")
                .contains("a=rtpmap:0 PCMU/8000")
                .contains("a=rtpmap:9 G722/8000")
                .contains("opus/48000/2")
                .contains("telephone-event/8000")
                .doesNotContain("a=rtcp-mux");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String json = server.get("/conferences");
        while (!json.contains("\"ssrc\" : 5555") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            json = server.get("/conferences");
        }
        assertThat(json).as("dave's answered audio in the member list").contains("\"ssrc\" : 5555");

        Response erinIn = erin.inviteLate("sip:" + room + "@localhost", ok -> "");
        assertThat(erinIn.getStatusCode()).isEqualTo(200);
        erin.awaitRequest(Request.BYE);
        assertThat(server.get("/conferences")).doesNotContain("sip:erin@localhost");

        assertThat(dave.inDialog(dave.dialogOf(daveIn), Request.BYE, "", "", "").getStatusCode())
                .isEqualTo(200);
        assertThat(carol.inDialog(carol.dialogOf(created), Request.BYE, "", "", "")
                        .getStatusCode())
                .isEqualTo(200);
    }

    /**
     * Session timers (RFC 4028) with the phone as refresher: too short an interval gets 422 with
     * Min-SE; an accepted one comes back in the 200 with Require: timer, and an UPDATE without
     * SDP refreshes it.
     */
    @Test
    void sessionTimersAreAgreedAndRefreshed() throws Exception {
        SipTestAgent frank = agent("frank", "Frank");
        Response tooShort = frank.invite(
                "sip:conference@localhost",
                offer(frank, 6666, "0=PCMU/8000"),
                Map.of("Session-Expires", "60", "Supported", "timer"));
        assertThat(tooShort.getStatusCode()).isEqualTo(422);
        assertThat(tooShort.getHeader("Min-SE").toString()).contains("90");

        Response created = frank.invite(
                "sip:conference@localhost",
                offer(frank, 6666, "0=PCMU/8000"),
                Map.of("Session-Expires", "1800;refresher=uac", "Supported", "timer"));
        assertThat(created.getStatusCode()).isEqualTo(200);
        assertThat(created.getHeader("Session-Expires").toString()).contains("1800;refresher=uac");
        assertThat(created.getHeader("Require").toString()).contains("timer");

        // An empty Supported header, as baresip sends it: no timer, and no trouble.
        SipTestAgent grace = agent("dave", "Dave");
        Response plain = grace.invite(
                "sip:" + roomOf(created) + "@localhost",
                offer(grace, 7777, "0=PCMU/8000"),
                Map.of("Supported", "", "Session-Expires", "1800"));
        assertThat(plain.getStatusCode()).isEqualTo(200);
        assertThat(plain.getHeader("Session-Expires")).isNull();

        Dialog call = frank.dialogOf(created);
        Request refresh = call.createRequest(Request.UPDATE);
        refresh.addHeader(frank.headers().createHeader("Session-Expires", "1800;refresher=uac"));
        refresh.addHeader(frank.headers().createHeader("Supported", "timer"));
        Response refreshed = frank.inDialog(call, refresh);
        assertThat(refreshed.getStatusCode()).isEqualTo(200);
        assertThat(refreshed.getHeader("Session-Expires").toString()).contains("1800;refresher=uac");
        assertThat(grace.inDialog(grace.dialogOf(plain), Request.BYE, "", "", "")
                        .getStatusCode())
                .isEqualTo(200);
        assertThat(frank.inDialog(call, Request.BYE, "", "", "").getStatusCode())
                .isEqualTo(200);
    }

    /** The mixer's media address and port for the first m-line of an answer. */
    static InetSocketAddress mixerAudio(Response ok) {
        String body = SipTestAgent.body(ok);
        Matcher c = Pattern.compile("c=IN IP4 (\\S+)").matcher(body);
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(body);
        assertThat(c.find() && m.find()).as("answer %s", body).isTrue();
        return new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1)));
    }

    boolean muted(String room, String name) throws Exception {
        for (com.fasterxml.jackson.databind.JsonNode r : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(server.get("/conferences"))
                .path("conferences")) {
            if (r.path("id").asText().equals(room)) {
                for (com.fasterxml.jackson.databind.JsonNode m : r.path("members")) {
                    if (m.path("name").asText().equals(name)) {
                        return m.path("muted").asBoolean();
                    }
                }
            }
        }
        return false;
    }

    /** Audio (PCMU) on the agent's port + 2 and video (H.264) on port + 4, each with its SSRC. */
    static String audioVideoOffer(SipTestAgent a, long audioSsrc, long videoSsrc) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + (a.port + 2) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=ssrc:" + audioSsrc + " cname:" + a.user + "\r\na=sendrecv\r\n"
                + "m=video " + (a.port + 4) + " RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1\r\n"
                + "a=ssrc:" + videoSsrc + " cname:" + a.user + "\r\na=sendrecv\r\n";
    }

    static InetSocketAddress mixerVideo(Response ok) {
        String body = SipTestAgent.body(ok);
        Matcher c = Pattern.compile("c=IN IP4 (\\S+)").matcher(body);
        Matcher m = Pattern.compile("m=video (\\d+) ").matcher(body);
        assertThat(c.find() && m.find()).as("answer %s", body).isTrue();
        return new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1)));
    }

    /** One RTP packet: version 2, {@code pt}, {@code seq}, {@code ssrc}, then {@code payload}. */
    static DatagramPacket rtp(int pt, int seq, long ssrc, byte[] payload, InetSocketAddress to) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80)
                .put((byte) pt)
                .putShort((short) seq)
                .putInt(seq * 160)
                .putInt((int) ssrc);
        b.put(payload);
        return new DatagramPacket(b.array(), b.capacity(), to);
    }

    @Test
    void aPhoneWithoutTheAgentTagSeesTheActiveSpeakerAsOneVideoStream() throws Exception {
        SipTestAgent judy = agent("judy", "Judy"); // a Parley agent, talking
        SipTestAgent leo = agent("leo", "Leo"); // a Parley agent, silent
        SipTestAgent kim = agent("kim", "Kim"); // a softphone: no feature tag
        Response judyIn = judy.inviteWithContactFlag(
                "sip:conference@localhost", audioVideoOffer(judy, 0x1111, 0x2222), "+parley.multistream");
        String room = roomOf(judyIn);
        Response leoIn = leo.inviteWithContactFlag(
                "sip:" + room + "@localhost", audioVideoOffer(leo, 0x3333, 0x4444), "+parley.multistream");
        Response kimIn = kim.invite("sip:" + room + "@localhost", audioVideoOffer(kim, 0x5555, 0x6666));
        assertThat(List.of(judyIn, leoIn, kimIn))
                .allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(200));
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            DatagramSocket[] audio = new DatagramSocket[3];
            DatagramSocket[] video = new DatagramSocket[3];
            SipTestAgent[] who = {judy, leo, kim};
            Response[] answers = {judyIn, leoIn, kimIn};
            for (int i = 0; i < 3; i++) {
                audio[i] = new DatagramSocket(new InetSocketAddress("127.0.0.1", who[i].port + 2));
                video[i] = new DatagramSocket(new InetSocketAddress("127.0.0.1", who[i].port + 4));
                sockets.add(audio[i]);
                sockets.add(video[i]);
            }
            byte[] tone = new byte[160];
            byte[] silence = new byte[160];
            Arrays.fill(silence, (byte) 0xFF); // mu-law zero
            // 2 s of media: Judy speaks (a 440 Hz tone at -6 dBov), Leo and Kim are silent;
            // each sends video whose payload starts with its initial.
            for (int seq = 0; seq < 100; seq++) {
                for (int n = 0; n < 160; n++) {
                    tone[n] = MuLaw.encode((short) (16000 * Math.sin(2 * Math.PI * 440 * (seq * 160 + n) / 8000.0)));
                }
                long[] audioSsrc = {0x1111, 0x3333, 0x5555};
                long[] videoSsrc = {0x2222, 0x4444, 0x6666};
                byte[][] initial = {{'J'}, {'L'}, {'K'}};
                for (int i = 0; i < 3; i++) {
                    audio[i].send(rtp(0, seq, audioSsrc[i], i == 0 ? tone : silence, mixerAudio(answers[i])));
                    video[i].send(rtp(96, seq, videoSsrc[i], initial[i], mixerVideo(answers[i])));
                }
                Thread.sleep(20);
            }
            Map<Long, Character> kimSaw = receivedVideo(video[2]);
            Map<Long, Character> leoSaw = receivedVideo(video[1]);
            assertThat(kimSaw)
                    .as("the softphone gets one stream, and it shows Judy, who speaks")
                    .hasSize(1)
                    .containsValue('J');
            assertThat(leoSaw)
                    .as("an agent gets every other member's video, SSRCs kept")
                    .containsEntry(0x2222L, 'J')
                    .containsEntry(0x6666L, 'K');
        } finally {
            for (DatagramSocket s : sockets) {
                s.close();
            }
        }
    }

    /** The video RTP (PT 96) a socket holds now: SSRC to the first payload byte of its packets. */
    static Map<Long, Character> receivedVideo(DatagramSocket socket) throws Exception {
        Map<Long, Character> seen = new HashMap<>();
        socket.setSoTimeout(200);
        byte[] buf = new byte[1500];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return seen;
            }
            if (p.getLength() > 12 && (buf[1] & 0x7F) == 96) {
                long ssrc = ByteBuffer.wrap(buf, 8, 4).getInt() & 0xFFFFFFFFL;
                seen.put(ssrc, (char) buf[12]);
            }
        }
    }

    @Test
    void phoneKeysDriveTheMenu() throws Exception {
        SipTestAgent erin = agent("erin", "Erin");
        SipTestAgent frank = agent("frank", "Frank");
        Response hosted =
                erin.invite("sip:conference@localhost", offer(erin, 5555, "0=PCMU/8000", "101=telephone-event/8000"));
        String room = roomOf(hosted);
        Response joined = frank.invite(
                "sip:" + room + "@localhost", offer(frank, 6666, "0=PCMU/8000", "101=telephone-event/8000"));
        assertThat(joined.getStatusCode()).isEqualTo(200);
        try (DatagramSocket erinRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", erin.port + 2));
                DatagramSocket frankRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", frank.port + 2))) {
            Rfc4733Sender erinKeys = new Rfc4733Sender(erinRtp, mixerAudio(hosted), 101, 5555);
            Rfc4733Sender frankKeys = new Rfc4733Sender(frankRtp, mixerAudio(joined), 101, 6666);

            frankKeys.press("*6");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!muted(room, "Frank") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(muted(room, "Frank")).as("Frank muted by *6").isTrue();

            frankKeys.press("*0");
            assertThat(erin.receivesNo(Request.BYE, Duration.ofSeconds(1)))
                    .as("a participant's *0 closes nothing")
                    .isTrue();
            assertThat(server.get("/conferences")).contains(room);

            erinKeys.press("*0");
            frank.awaitRequest(Request.BYE);
            erin.awaitRequest(Request.BYE);
        }
    }

    @Test
    void badOffersGetTheirSipAnswers() throws Exception {
        SipTestAgent dave = agent("dave", "Dave");
        SipTestAgent stranger = agent("nobody", "Nobody");
        assertThat(stranger.invite("sip:conference@localhost", offer(stranger, 1, "0=PCMU/8000"))
                        .getStatusCode())
                .as("a local user without an account stays challenged")
                .isEqualTo(407);

        Response noCodec = dave.invite("sip:conference@localhost", offer(dave, 1, "3=GSM/8000", "18=G729/8000"));
        assertThat(noCodec.getStatusCode()).isEqualTo(488);
        assertThat(noCodec.getHeader("Warning").toString()).contains("no common codec");

        Response malformed = dave.invite("sip:conference@localhost", "v=0\r\no=broken\r\n");
        assertThat(malformed.getStatusCode()).isEqualTo(400);
        assertThat(malformed.getHeader("Warning").toString()).contains("SDP line 2");

        assertThat(dave.invite("sip:999999@localhost", offer(dave, 1, "0=PCMU/8000"))
                        .getStatusCode())
                .isIn(404);
    }
}
