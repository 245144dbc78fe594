package dev.parley.ua.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.OfferParams;
import dev.parley.sdp.negotiation.Offers;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.input.RecordingInjector;
import dev.parley.ua.control.sip.ControlCalls;
import dev.parley.ua.control.sip.IncomingCall;
import dev.parley.ua.control.sip.OutgoingCall;
import dev.parley.ua.control.transport.InputSender;
import dev.parley.ua.session.MediaStream;
import dev.parley.ua.session.MediaStreamFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controlled side's answers as the SIP layer sees them, with the robot replaced by a recorder
 * and the SIP layer by the two calls this test makes; the input stream is real TCP on loopback.
 */
class ControlledSideTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final RecordingInjector injector = new RecordingInjector();
    private final List<String> ui = new CopyOnWriteArrayList<>();
    private ControlCalls.IncomingHandler handler = call -> {};
    private ControlledSide side;
    /** The screen stream, a stand-in that records what the side asks of it (no capture in a unit test). */
    private final List<String> screenCalls = new CopyOnWriteArrayList<>();

    private final MediaStreamFactory screen = new MediaStreamFactory() {
        @Override
        public MediaKind kind() {
            return MediaKind.SLIDES;
        }

        @Override
        public MediaStream open(InetAddress local) {
            return new MediaStream() {
                @Override
                public MediaKind kind() {
                    return MediaKind.SLIDES;
                }

                @Override
                public LocalStream local() {
                    return LocalStream.port(40000);
                }

                @Override
                public void start(StreamNegotiation negotiated) {
                    screenCalls.add("start " + negotiated.direction() + " to " + negotiated.remotePort());
                }

                @Override
                public void close() {
                    screenCalls.add("close");
                }
            };
        }
    };

    /** One incoming INVITE: records the final answer. */
    static final class Call implements IncomingCall {
        final SessionDescription offer;
        final CompletableFuture<SessionDescription> accepted = new CompletableFuture<>();
        final CompletableFuture<Integer> rejected = new CompletableFuture<>();
        final CompletableFuture<Boolean> hungUp = new CompletableFuture<>();

        Call(SessionDescription offer) {
            this.offer = offer;
        }

        @Override
        public String id() {
            return "call-1";
        }

        @Override
        public String from() {
            return "Alice";
        }

        @Override
        public SessionDescription offer() {
            return offer;
        }

        @Override
        public void accept(SessionDescription answer) {
            accepted.complete(answer);
        }

        @Override
        public void reject(int status, String reason) {
            rejected.complete(status);
        }

        @Override
        public void hangUp() {
            hungUp.complete(true);
        }

        @Override
        public void onEnd(Runnable ended) {}
    }

    private void start(boolean allow) {
        start(allow, true);
    }

    private void start(boolean allow, boolean display) {
        ControlCalls sip = new ControlCalls() {
            @Override
            public void onIncoming(IncomingHandler h) {
                handler = h;
            }

            @Override
            public OutgoingCall call(String target, SessionDescription offer, OutgoingCall.Events events) {
                throw new UnsupportedOperationException("the controlled side places no calls");
            }

            @Override
            public String localAddress() {
                return LOOPBACK.getHostAddress();
            }

            @Override
            public void close() {}
        };
        side = new ControlledSide(
                new ControlledSide.Config(Duration.ofSeconds(30), LOOPBACK, 16),
                sip,
                new ControlledSide.Desktop() {
                    @Override
                    public ControlledSide.Injection open() {
                        return new ControlledSide.Injection(injector, new ScreenSize(1920, 1080));
                    }

                    @Override
                    public boolean present() {
                        return display;
                    }
                },
                screen,
                new ControlledSide.Ui() {
                    @Override
                    public void ask(String requestId, String from, Duration timeLeft) {
                        ui.add("ask " + from);
                        if (allow) {
                            side.allow(requestId);
                        }
                    }

                    @Override
                    public void dismiss(String requestId) {}

                    @Override
                    public void controlled(String requestId, String from) {
                        ui.add("bar " + from);
                    }

                    @Override
                    public void released(String requestId, String why) {
                        ui.add("released " + why);
                    }
                },
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        side.close();
    }

    private static SessionDescription controllerOffer() {
        return Offers.offer(
                Profiles.REMOTE_CONTROLLER,
                new OfferParams(
                        Origin.of("alice", 1, 1, "127.0.0.1"),
                        "-",
                        "127.0.0.1",
                        Map.of(
                                MediaKind.SLIDES,
                                LocalStream.port(50012),
                                MediaKind.REMOTE_CONTROL,
                                LocalStream.port(9))));
    }

    @Test
    void allowedTheAnswerNamesTheListenerAndTheScreenAndInputArrives() throws Exception {
        start(true);
        Call call = new Call(controllerOffer());

        handler.incoming(call);
        SessionDescription answer =
                SdpParser.parse(call.accepted.get(5, TimeUnit.SECONDS).toString());

        MediaDescription screenSection = answer.media().get(0);
        MediaDescription input = answer.media().get(1);
        assertThat(screenSection.has("sendonly")).isTrue();
        assertThat(screenSection.port()).isEqualTo(40000);
        assertThat(screenSection.attribute("imageattr")).contains("* send [x=1920,y=1080]");
        long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // started right after the 200
        while (screenCalls.isEmpty() && System.nanoTime() < started) {
            Thread.sleep(5);
        }
        assertThat(screenCalls).containsExactly("start SENDONLY to 50012"); // the screen goes to the controller
        assertThat(input.protocol()).isEqualTo("TCP/RTP/AVP");
        assertThat(input.attribute("setup")).contains("passive");
        assertThat(input.port()).isPositive();
        try (InputSender sender = InputSender.connect(
                new InetSocketAddress(LOOPBACK, input.port()), 100, Duration.ofSeconds(2), why -> {})) {
            sender.send(new HipMessage.KeyPressed(65));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (injector.calls().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertThat(injector.calls()).startsWith("press key 65");
        assertThat(ui).startsWith("ask Alice", "bar Alice");

        side.stop(); // the bar's Stop

        assertThat(call.hungUp.get(5, TimeUnit.SECONDS)).isTrue(); // BYE
        assertThat(injector.calls()).contains("release key 65");
        assertThat(screenCalls).endsWith("close");
    }

    @Test
    void anOfferWithoutAnInputStreamIs488AndTheUserIsNotAsked() throws Exception {
        start(true);
        SessionDescription audioOnly = SdpParser.parse(
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
        Call call = new Call(audioOnly);

        handler.incoming(call);

        assertThat(call.rejected.get(5, TimeUnit.SECONDS)).isEqualTo(488);
        assertThat(ui).isEmpty();
    }

    @Test
    void withoutADisplayARequestIs488AndTheUserIsNotAsked() throws Exception {
        start(true, false);
        Call call = new Call(controllerOffer());

        handler.incoming(call);

        assertThat(call.rejected.get(5, TimeUnit.SECONDS)).isEqualTo(488);
        assertThat(ui).isEmpty();
        assertThat(screenCalls).isEmpty();
    }

    @Test
    void closingTwiceIsQuiet() {
        start(true);
        side.close(); // the console: at the end of its input, then again from its shutdown hook

        assertThatCode(side::close).doesNotThrowAnyException();
    }
}
