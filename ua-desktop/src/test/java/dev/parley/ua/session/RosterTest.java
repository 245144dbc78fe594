package dev.parley.ua.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The member list from the byte fixtures under {@code conference-info/} (see its README). */
class RosterTest {
    static ConferenceInfoDocument doc(String name) throws Exception {
        try (InputStream in = RosterTest.class.getResourceAsStream("/conference-info/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return ConferenceInfoDocument.parse(in.readAllBytes());
        }
    }

    @Test
    void fullDocumentGivesEveryMemberWithNameRolesAndMedia() throws Exception {
        Roster r = Roster.empty().apply(doc("full-v2.xml")).orElseThrow();
        assertThat(r.entity()).isEqualTo("sip:831620@localhost");
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.locked()).isFalse();
        assertThat(r.members()).extracting(RosterMember::name).containsExactly("Alice Liddell", "Bob & Co");
        RosterMember alice = r.member("sip:alice@localhost").orElseThrow();
        assertThat(alice.host()).isTrue();
        assertThat(alice.muted()).isFalse();
        assertThat(alice.videoOn()).isTrue();
        assertThat(alice.media())
                .extracting(RosterMedia::type, RosterMedia::srcId, RosterMedia::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("audio", OptionalLong.of(305419896L), "sendrecv"),
                        org.assertj.core.groups.Tuple.tuple("video", OptionalLong.of(0xFFFF_FFFFL), "sendrecv"));
        assertThat(r.host()).contains(alice);
        assertThat(r.bySrcId(42)).map(RosterMember::entity).contains("sip:bob@localhost");
        assertThat(r.bySrcId(0xFFFF_FFFFL)).map(RosterMember::entity).contains("sip:alice@localhost");
        assertThat(r.bySrcId(7)).isEmpty();
    }

    @Test
    void partialDocumentsApplyInVersionOrder() throws Exception {
        Roster v2 = Roster.empty().apply(doc("full-v2.xml")).orElseThrow();
        Roster v3 = v2.apply(doc("partial-v3-carol-joined.xml")).orElseThrow();
        assertThat(v3.members())
                .extracting(RosterMember::entity)
                .containsExactly("sip:alice@localhost", "sip:bob@localhost", "sip:carol@localhost");
        RosterMember carol = v3.member("sip:carol@localhost").orElseThrow();
        assertThat(carol.presenting()).isTrue();
        assertThat(carol.videoOn()).isFalse();
        assertThat(carol.media().get(0).srcId()).isEmpty();

        Roster v4 = v3.apply(doc("partial-v4-bob-muted.xml")).orElseThrow();
        assertThat(v4.locked()).isTrue();
        assertThat(v4.member("sip:bob@localhost").orElseThrow().muted()).isTrue();
        assertThat(v4.member("sip:alice@localhost")).isEqualTo(v3.member("sip:alice@localhost"));

        Roster v5 = v4.apply(doc("partial-v5-alice-left.xml")).orElseThrow();
        assertThat(v5.members())
                .extracting(RosterMember::entity)
                .containsExactly("sip:bob@localhost", "sip:carol@localhost");
        assertThat(v5.host()).map(RosterMember::entity).contains("sip:carol@localhost");
        assertThat(v5.version()).isEqualTo(5);
    }

    @Test
    void aPartialOutOfOrderIsNotAppliedSoTheSubscriberAsksForTheFullState() throws Exception {
        Roster v2 = Roster.empty().apply(doc("full-v2.xml")).orElseThrow();
        assertThat(v2.apply(doc("partial-v4-bob-muted.xml"))).isEmpty();
        Roster v3 = v2.apply(doc("partial-v3-carol-joined.xml")).orElseThrow();
        assertThat(v3.apply(doc("partial-v3-carol-joined.xml"))).isEmpty();
        assertThat(Roster.empty().apply(doc("partial-v3-carol-joined.xml"))).isEmpty();
        // An older full state does not undo newer news.
        assertThat(v3.apply(doc("full-v2.xml"))).isEmpty();
    }

    @Test
    void badDocumentsAreRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> ConferenceInfoDocument.parse("not xml".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConferenceInfoDocument.BadDocumentException.class)
                .hasMessageStartingWith("not XML");
        assertThatThrownBy(() -> ConferenceInfoDocument.parse(
                        "<conference-info version=\"1\"/>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not <conference-info> of urn:ietf:params:xml:ns:conference-info");
        assertThatThrownBy(() -> ConferenceInfoDocument.parse(
                        ("<conference-info xmlns=\"" + ConferenceInfoDocument.NS + "\" version=\"x\"/>")
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("conference-info version \"x\"");
        // No external entities: a DOCTYPE is refused outright (XXE).
        assertThatThrownBy(
                        () -> ConferenceInfoDocument.parse(("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                                        + "<conference-info xmlns=\"" + ConferenceInfoDocument.NS
                                        + "\" version=\"1\"><users><user entity=\"&e;\"/></users></conference-info>")
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConferenceInfoDocument.BadDocumentException.class);
        assertThatThrownBy(() -> ConferenceInfoDocument.parse(("<conference-info xmlns=\"" + ConferenceInfoDocument.NS
                                + "\" version=\"1\"><users><user entity=\"sip:a@b\"><endpoint><media id=\"1\">"
                                + "<src-id>-5</src-id></media></endpoint></user></users></conference-info>")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("src-id \"-5\" is not an SSRC");
    }
}
