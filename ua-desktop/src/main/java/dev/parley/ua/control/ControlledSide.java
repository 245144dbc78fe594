package dev.parley.ua.control;

import dev.parley.sdp.Origin;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.AnswerParams;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferAnswer;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.ua.control.consent.ConsentAction;
import dev.parley.ua.control.consent.ControlConsent;
import dev.parley.ua.control.hip.HipDropCounters;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.input.InputApplier;
import dev.parley.ua.control.input.InputInjector;
import dev.parley.ua.control.input.RobotInjector;
import dev.parley.ua.control.sip.ControlCalls;
import dev.parley.ua.control.sip.IncomingCall;
import dev.parley.ua.control.transport.InputListener;
import dev.parley.ua.control.transport.StreamEnd;
import dev.parley.ua.session.MediaStream;
import dev.parley.ua.session.MediaStreamFactory;
import java.awt.GraphicsEnvironment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controlled agent's side of remote control: takes control INVITEs from the SIP layer, asks
 * the user through {@link Ui} without blocking anything, answers 603/408/486 or, on Allow, opens
 * the input listener for the offerer's address only, answers 200 with its port and the screen size,
 * sends its screen on the slides stream and injects what arrives. Every end — Stop, the hotkey, BYE, the connection lost, a malformed
 * stream — releases every held key and button, hides the bar and, when this side ended it, sends
 * BYE. All of it runs on one control thread; the public methods return at once.
 */
public final class ControlledSide implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlledSide.class);

    /** {@code answerTime}: how long the user has to answer (30 s); {@code bind}: where the listener listens. */
    public record Config(Duration answerTime, InetAddress bind, int maxConsecutiveDrops) {
        public Config {
            Objects.requireNonNull(answerTime, "answerTime");
            Objects.requireNonNull(bind, "bind");
        }

        public static Config defaults(InetAddress bind) {
            return new Config(ControlConsent.DEFAULT_ANSWER_TIME, bind, 16);
        }
    }

    /** What the user sees; called on the control thread, so hand Swing work to the event thread. */
    public interface Ui {
        /** Ask whether {@code from} may control this screen: Allow calls {@link #allow}, Decline {@link #decline}. */
        void ask(String requestId, String from, Duration timeLeft);

        /** Take the question away. */
        void dismiss(String requestId);

        /** Show "NAME is controlling your screen — Stop"; Stop and the hotkey call {@link #stop}. */
        void controlled(String requestId, String from);

        /** Control ended, for {@code why}: hide the bar. */
        void released(String requestId, String why);
    }

    /** Opens the desktop's input: the real {@link RobotInjector} in the agent. */
    @FunctionalInterface
    public interface Desktop {
        Injection open() throws Exception;

        /** False when there is no screen to control here (no display): requests are refused unasked. */
        default boolean present() {
            return true;
        }

        /** The real screen through java.awt.Robot; absent on a headless host. */
        static Desktop robot() {
            return new Desktop() {
                @Override
                public Injection open() throws Exception {
                    return Injection.robot();
                }

                @Override
                public boolean present() {
                    return !GraphicsEnvironment.isHeadless();
                }
            };
        }
    }

    /** An injector and the screen it acts on. */
    public record Injection(InputInjector injector, ScreenSize screen) {
        public Injection {
            Objects.requireNonNull(injector, "injector");
            Objects.requireNonNull(screen, "screen");
        }

        public static Injection robot() throws Exception {
            RobotInjector r = RobotInjector.forDefaultScreen();
            return new Injection(r, r.screenSize());
        }
    }

    private record Session(IncomingCall call, Negotiation negotiation, StreamNegotiation input) {}

    private record Active(InputListener listener, Optional<MediaStream> screen, InputApplier applier) {}

    private final Config config;
    private final Desktop desktop;
    private final MediaStreamFactory screen;
    private final Ui ui;
    private final Clock clock;
    private final ControlConsent consent;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Active> active = new HashMap<>();
    private final HipDropCounters drops = new HipDropCounters();
    private long version = 1;

    /**
     * {@code screen} opens the stream that sends this screen to the controller once allowed (a
     * {@code SLIDES} video stream capturing the whole screen, unscaled up to 1920×1080).
     */
    public ControlledSide(
            Config config, ControlCalls sip, Desktop desktop, MediaStreamFactory screen, Ui ui, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.desktop = Objects.requireNonNull(desktop, "desktop");
        this.screen = Objects.requireNonNull(screen, "screen");
        if (screen.kind() != MediaKind.SLIDES) {
            throw new IllegalArgumentException("the controlled screen is a slides stream, not " + screen.kind());
        }
        this.ui = Objects.requireNonNull(ui, "ui");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.consent = new ControlConsent(config.answerTime());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "control");
            t.setDaemon(true);
            return t;
        });
        Objects.requireNonNull(sip, "sip").onIncoming(call -> thread.execute(() -> incoming(call)));
    }

    /** The user allowed request {@code requestId}. */
    public void allow(String requestId) {
        thread.execute(() -> act(consent.allow(requestId, clock.instant())));
    }

    /** The user declined request {@code requestId}. */
    public void decline(String requestId) {
        thread.execute(() -> act(consent.decline(requestId)));
    }

    /** The user stopped control (the bar's Stop, the hotkey, {@code stop} at the console). */
    public void stop() {
        thread.execute(() -> consent.activeRequest().ifPresent(id -> act(consent.stop(id, "stopped here"))));
    }

    /** Drops counted over every control session so far. */
    public HipDropCounters drops() {
        return drops;
    }

    private void incoming(IncomingCall call) {
        Negotiation n = OfferAnswer.negotiate(call.offer(), Profiles.DESKTOP);
        Optional<StreamNegotiation> input = n.accepted().stream()
                .filter(s -> s.kind().filter(k -> k == MediaKind.REMOTE_CONTROL).isPresent())
                .findFirst();
        if (input.isEmpty() || input.get().remoteHost().isEmpty()) {
            LOG.info("control request from {} has no usable input stream: {}", call.from(), n.refusalSummary());
            call.reject(488, "Not Acceptable Here: no remote-control stream Parley takes");
            return;
        }
        if (!desktop.present()) {
            LOG.info("control request from {} refused: no display here", call.from());
            call.reject(488, "Not Acceptable Here: this agent has no display to control");
            return;
        }
        sessions.put(call.id(), new Session(call, n, input.get()));
        call.onEnd(() -> thread.execute(() -> endedByPeer(call.id())));
        act(consent.request(call.id(), call.from(), clock.instant()));
    }

    private void endedByPeer(String id) {
        if (consent.askedRequest().filter(id::equals).isPresent()) {
            act(consent.withdrawn(id));
            sessions.remove(id);
        } else {
            act(consent.ended(id, false, "the controller ended it"));
        }
    }

    private void act(List<ConsentAction> actions) {
        for (ConsentAction a : actions) {
            if (a instanceof ConsentAction.Ask ask) {
                ui.ask(ask.requestId(), ask.from(), Duration.between(clock.instant(), ask.deadline()));
                scheduleTick();
            } else if (a instanceof ConsentAction.Dismiss d) {
                ui.dismiss(d.requestId());
            } else if (a instanceof ConsentAction.Reject r) {
                Session s = sessions.remove(r.requestId());
                if (s != null) {
                    s.call().reject(r.status(), r.reason());
                }
            } else if (a instanceof ConsentAction.Start start) {
                start(start);
            } else if (a instanceof ConsentAction.Stop stop) {
                stop(stop);
            }
        }
    }

    /** Wakes at the consent's next deadline; a timer that fires a little early waits again. */
    private void scheduleTick() {
        consent.nextDeadline().ifPresent(deadline -> {
            long ms = Math.max(1, Duration.between(clock.instant(), deadline).toMillis() + 1);
            var unused = thread.schedule(
                    () -> {
                        act(consent.tick(clock.instant()));
                        scheduleTick();
                    },
                    ms,
                    TimeUnit.MILLISECONDS);
        });
    }

    private void start(ConsentAction.Start start) {
        Session s = sessions.get(start.requestId());
        if (s == null) {
            return;
        }
        try {
            Injection injection = desktop.open();
            InputApplier applier = new InputApplier(injection.injector(), drops);
            InetAddress peer = InetAddress.getByName(s.input().remoteHost().orElseThrow());
            int payloadType = Integer.parseInt(s.input().formats().get(0).payloadType());
            String id = start.requestId();
            InputListener listener = InputListener.open(
                    new InputListener.Config(
                            config.bind(), peer, payloadType, injection.screen(), config.maxConsecutiveDrops()),
                    applier,
                    drops,
                    new InputListener.Events() {
                        @Override
                        public void connected(InetSocketAddress from) {}

                        @Override
                        public void ended(StreamEnd why) {
                            if (why != StreamEnd.LOCAL_STOP) {
                                thread.execute(() -> act(consent.ended(id, true, why.text())));
                            }
                        }
                    });
            Optional<StreamNegotiation> slides = s.negotiation().accepted().stream()
                    .filter(x -> x.kind().filter(k -> k == MediaKind.SLIDES).isPresent())
                    .findFirst();
            Optional<MediaStream> screenStream =
                    slides.isPresent() ? Optional.of(screen.open(config.bind())) : Optional.empty();
            active.put(id, new Active(listener, screenStream, applier));
            Map<Integer, LocalStream> ports = new HashMap<>();
            ports.put(s.input().index(), LocalStream.port(listener.port()));
            if (slides.isPresent()) {
                ports.put(slides.get().index(), screenStream.orElseThrow().local());
            }
            Negotiation only = new Negotiation(
                    s.negotiation().offer(),
                    s.negotiation().profile(),
                    s.negotiation().streams().stream()
                            .map(x -> ports.containsKey(x.index()) || !x.accepted() ? x : rejected(x))
                            .toList());
            SessionDescription answer = only.answer(new AnswerParams(
                    Origin.of(
                            "parley",
                            System.currentTimeMillis(),
                            version++,
                            config.bind().getHostAddress()),
                    "Parley control",
                    config.bind().getHostAddress(),
                    ports));
            if (slides.isPresent()) {
                answer = ScreenAttribute.withScreen(answer, slides.get().index(), injection.screen());
            }
            s.call().accept(answer);
            if (slides.isPresent()) {
                screenStream.orElseThrow().start(slides.get());
            }
            LOG.info("control by {} allowed: input on port {}", start.from(), listener.port());
            ui.controlled(id, start.from());
        } catch (Exception e) {
            LOG.warn("control by {} could not start: {}", start.from(), e.toString());
            Session gone = sessions.remove(start.requestId());
            Active a = active.remove(start.requestId());
            if (a != null) {
                a.listener().close();
                a.screen().ifPresent(MediaStream::close);
            }
            consent.ended(start.requestId(), false, "could not start");
            if (gone != null) {
                gone.call().reject(500, "Server Internal Error: " + e.getMessage());
            }
        }
    }

    private static StreamNegotiation rejected(StreamNegotiation x) {
        return new StreamNegotiation(
                x.index(),
                x.offered(),
                x.kind(),
                Optional.of(dev.parley.sdp.negotiation.Rejection.UNSUPPORTED_MEDIA),
                List.of(),
                dev.parley.sdp.Direction.INACTIVE,
                false,
                false,
                java.util.OptionalInt.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                List.of());
    }

    private void stop(ConsentAction.Stop stop) {
        Active a = active.remove(stop.requestId());
        if (a != null) {
            a.listener().close(); // releases every held key and button
            a.screen().ifPresent(MediaStream::close);
        }
        Session s = sessions.remove(stop.requestId());
        if (s != null && stop.sendBye()) {
            s.call().hangUp();
        }
        LOG.info("control {} ended: {}", stop.requestId(), stop.why());
        ui.released(stop.requestId(), stop.why());
    }

    /**
     * Ends any control, declines any open question, stops the control thread. Again is nothing
     * (the console closes at the end of its input and once more from its shutdown hook).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            consent.askedRequest().ifPresent(id -> act(consent.decline(id)));
            consent.activeRequest().ifPresent(id -> act(consent.stop(id, "the agent is closing")));
        });
        thread.shutdown();
        try {
            thread.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
