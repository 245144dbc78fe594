package dev.parley.proxy.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ConferenceInfoTest {
    static final String NS = "urn:ietf:params:xml:ns:conference-info";

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Element parent, String tag) {
        return parent.getElementsByTagNameNS(NS, tag).item(0).getTextContent();
    }

    @Test
    void fullStateListsEveryUserWithRolesAndSourceIds() throws Exception {
        Focus focus = new Focus(HostLeavePolicy.HAND_OVER, () -> 831620);
        RoomId id = focus.create(FocusTest.member("alice"), Instant.EPOCH).orElseThrow();
        focus.join(
                id,
                Member.joining(
                        new MemberId("d-bob"),
                        "sip:bob@localhost",
                        "Bob <the \"builder\"> & co",
                        "sip:bob@127.0.0.1:5064",
                        List.of(
                                new MemberMedia(
                                        dev.parley.sdp.negotiation.MediaKind.AUDIO,
                                        OptionalLong.of(3735928559L),
                                        "1",
                                        dev.parley.sdp.Direction.SENDRECV),
                                new MemberMedia(
                                        dev.parley.sdp.negotiation.MediaKind.SLIDES,
                                        OptionalLong.of(42),
                                        "slides",
                                        dev.parley.sdp.Direction.SENDONLY))),
                Instant.EPOCH);
        focus.control(id, new MemberId("dialog-alice"), new Control.Mute("sip:bob@localhost", true));

        Document doc = parse(ConferenceInfo.full(focus.room(id).orElseThrow(), "sip:831620@localhost"));

        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("entity")).isEqualTo("sip:831620@localhost");
        assertThat(root.getAttribute("state")).isEqualTo("full");
        assertThat(root.getAttribute("version")).isEqualTo("3");
        assertThat(text(root, "user-count")).isEqualTo("2");
        NodeList users = root.getElementsByTagNameNS(NS, "user");
        assertThat(users.getLength()).isEqualTo(2);
        Element alice = (Element) users.item(0);
        assertThat(alice.getAttribute("entity")).isEqualTo("sip:alice@localhost");
        assertThat(text(alice, "display-text")).isEqualTo("Alice");
        assertThat(text(alice, "entry")).isEqualTo("host");
        Element bob = (Element) users.item(1);
        assertThat(text(bob, "display-text")).isEqualTo("Bob <the \"builder\"> & co");
        assertThat(text(bob, "entry")).isEqualTo("participant");
        NodeList media = bob.getElementsByTagNameNS(NS, "media");
        assertThat(media.getLength()).isEqualTo(2);
        Element audio = (Element) media.item(0);
        assertThat(text(audio, "type")).isEqualTo("audio");
        assertThat(text(audio, "src-id")).isEqualTo("3735928559");
        assertThat(text(audio, "status")).isEqualTo("recvonly");
        Element slides = (Element) media.item(1);
        assertThat(text(slides, "type")).isEqualTo("video");
        assertThat(text(slides, "label")).isEqualTo("slides");
        assertThat(text(slides, "src-id")).isEqualTo("42");
    }

    @Test
    void partialStateCarriesOnlyTheChangesWithTheirStates() throws Exception {
        Focus focus = new Focus(HostLeavePolicy.HAND_OVER, () -> 1);
        RoomId id = focus.create(FocusTest.member("alice"), Instant.EPOCH).orElseThrow();
        focus.join(id, FocusTest.member("bob"), Instant.EPOCH);
        Effect.Notify n = (Effect.Notify)
                focus.leave(id, new MemberId("dialog-alice")).effects().get(0);

        Document doc = parse(ConferenceInfo.partial("sip:000001@localhost", n));

        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("state")).isEqualTo("partial");
        assertThat(root.getAttribute("version")).isEqualTo("3");
        NodeList users = root.getElementsByTagNameNS(NS, "user");
        assertThat(((Element) users.item(0)).getAttribute("state")).isEqualTo("deleted");
        assertThat(((Element) users.item(0)).getAttribute("entity")).isEqualTo("sip:alice@localhost");
        assertThat(((Element) users.item(1)).getAttribute("state")).isEqualTo("partial");
        assertThat(text((Element) users.item(1), "entry")).isEqualTo("host");
        assertThat(text(root, "user-count")).isEqualTo("1");
    }
}
