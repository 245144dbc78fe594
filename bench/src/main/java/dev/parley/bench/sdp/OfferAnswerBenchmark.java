package dev.parley.bench.sdp;

import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.AnswerParams;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferAnswer;
import dev.parley.sdp.negotiation.Profiles;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the focus does with every INVITE: parse a softphone's offer, negotiate it with the
 * mixer profile and write the answer. Aim: under 10 µs per offer on 2 cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OfferAnswerBenchmark {
    /** A baresip audio offer: opus, G722, PCMU, PCMA, telephone-event, as it writes them. */
    static final String SOFTPHONE_OFFER = """
            v=0\r
            o=- 1832147421 2085634901 IN IP4 192.0.2.44\r
            s=-\r
            c=IN IP4 192.0.2.44\r
            t=0 0\r
            m=audio 10774 RTP/AVP 111 9 0 8 101\r
            b=AS:96\r
            a=rtpmap:111 opus/48000/2\r
            a=fmtp:111 stereo=1;sprop-stereo=1\r
            a=rtpmap:9 G722/8000\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-15\r
            a=rtcp-mux\r
            a=ptime:20\r
            a=sendrecv\r
            a=label:1\r
            a=ssrc:3735928559 cname:sip:alice@example.com\r
            """;

    static final AnswerParams PARAMS = new AnswerParams(
            Origin.of("parley", 1, 1, "203.0.113.5"), "Parley", "203.0.113.5", Map.of(0, LocalStream.port(40000)));

    @Benchmark
    public String parseNegotiateAndWriteAnswer() throws SdpParseException {
        SessionDescription offer = SdpParser.parse(SOFTPHONE_OFFER);
        Negotiation n = OfferAnswer.negotiate(offer, Profiles.MIXER);
        return n.answer(PARAMS).toString();
    }

    @Benchmark
    public SessionDescription parseOnly() throws SdpParseException {
        return SdpParser.parse(SOFTPHONE_OFFER);
    }
}
