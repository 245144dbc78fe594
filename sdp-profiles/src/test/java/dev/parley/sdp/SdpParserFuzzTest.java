package dev.parley.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.sdp.negotiation.AnswerParams;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferAnswer;
import dev.parley.sdp.negotiation.Profile;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.sdp.negotiation.StreamNegotiation;
import java.util.HashMap;
import java.util.Map;

/**
 * The parser's contract under any input: a description or an {@link SdpParseException},
 * nothing else; and whatever it accepts, offer/answer can negotiate and answer. Without {@code JAZZER_FUZZ=1} this replays the corpus in
 * {@code src/test/resources/dev/parley/sdp/SdpParserFuzzTestInputs/}; with it, Jazzer
 * explores from there.
 */
class SdpParserFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parserOnlyThrowsItsOwnException(byte[] input) {
        try {
            SessionDescription sdp = SdpParser.parse(input);
            SdpWriter.write(sdp);
            for (Profile profile : Profiles.all()) {
                Negotiation n = OfferAnswer.negotiate(sdp, profile);
                Map<Integer, LocalStream> ports = new HashMap<>();
                for (StreamNegotiation s : n.accepted()) {
                    ports.put(s.index(), LocalStream.port(40000 + s.index()));
                }
                n.refusalSummary();
                SdpWriter.write(n.answer(new AnswerParams(sdp.origin(), "-", "192.0.2.1", ports)));
            }
        } catch (SdpParseException expected) {
            // the one declared failure
        }
    }
}
