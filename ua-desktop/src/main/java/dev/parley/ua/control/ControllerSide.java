package dev.parley.ua.control;

import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferParams;
import dev.parley.sdp.negotiation.Offers;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.sip.ControlCalls;
import dev.parley.ua.control.sip.OutgoingCall;
import dev.parley.ua.control.transport.InputSender;
import dev.parley.ua.control.transport.StreamEnd;
import dev.parley.ua.control.view.ViewInputForwarder;
import dev.parley.ua.media.video.VideoSettings;
import dev.parley.ua.media.video.VideoSourceSpec;
import dev.parley.ua.media.video.VideoStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's side of remote control: INVITEs the other agent with the remote-controller
 * offer (its screen in as slides, the HIP stream out over TCP, {@code a=setup:active}), waits
 * without blocking, and once allowed connects to the listener the answer names and forwards the
 * view's pointer and keys, scaled to the screen size the answer states. Either side ends it.
 */
public final class ControllerSide {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerSide.class);

    /** What the controller's user sees, {@code target} naming the other side; called on SIP or control threads. */
    public interface Ui {
        /** The other side allowed it: {@code screen} is their screen's size. */
        void started(String target, ScreenSize screen);

        /** The request was refused: 603 declined, 408 no answer, 486 busy, or another failure. */
        void refused(String target, int status, String reason);

        /** Control ended, for {@code why}. */
        void ended(String target, String why);

        /** A decoded picture of the controlled screen (its slides stream), on the stream's receive thread. */
        default void screen(String target, BufferedImage picture) {}

        /** Tells {@code first}, then {@code second}. */
        static Ui both(Ui first, Ui second) {
            return new Ui() {
                @Override
                public void started(String target, ScreenSize screen) {
                    first.started(target, screen);
                    second.started(target, screen);
                }

                @Override
                public void refused(String target, int status, String reason) {
                    first.refused(target, status, reason);
                    second.refused(target, status, reason);
                }

                @Override
                public void ended(String target, String why) {
                    first.ended(target, why);
                    second.ended(target, why);
                }

                @Override
                public void screen(String target, BufferedImage picture) {
                    first.screen(target, picture);
                    second.screen(target, picture);
                }
            };
        }
    }

    private final ControlCalls sip;
    private final InetAddress local;

    public ControllerSide(ControlCalls sip, InetAddress local) {
        this.sip = Objects.requireNonNull(sip, "sip");
        this.local = Objects.requireNonNull(local, "local");
    }

    /**
     * Asks {@code target} (a SIP URI) for control; pointer and keys on {@code view} go to their
     * screen once they allow it. Returns at once.
     */
    public Control request(String target, JComponent view, Ui ui) throws IOException {
        return request(target, target, view, ui);
    }

    /** The same, naming them {@code who} (their display name) to the {@link Ui} and in the logs. */
    public Control request(String uri, String who, JComponent view, Ui ui) throws IOException {
        return request(sip, local, uri, who, view, ui);
    }

    private static Control request(
            ControlCalls sip, InetAddress local, String uri, String target, JComponent view, Ui ui) throws IOException {
        VideoStream screen = VideoStream.open(
                MediaKind.SLIDES,
                local,
                VideoSettings.screen(
                        new VideoSourceSpec(VideoSourceSpec.Kind.NONE, ""),
                        target + "'s screen",
                        "controller@parley",
                        (kind, ssrc, picture) -> ui.screen(target, picture)));
        SessionDescription offer = Offers.offer(
                Profiles.REMOTE_CONTROLLER,
                new OfferParams(
                        Origin.of("parley", System.currentTimeMillis(), 1, local.getHostAddress()),
                        "Parley control",
                        local.getHostAddress(),
                        Map.of(
                                MediaKind.SLIDES,
                                screen.local(),
                                // RFC 4145 §4.1: the active side's port is not used; 9 (discard) by convention
                                MediaKind.REMOTE_CONTROL,
                                LocalStream.port(9))));
        Control control = new Control(target, view, ui, screen, offer);
        control.call.set(sip.call(uri, offer, control));
        return control;
    }

    /** One request for control and, once allowed, the control session. */
    public static final class Control implements OutgoingCall.Events {
        private final String target;
        private final JComponent view;
        private final Ui ui;
        private final VideoStream screen;
        private final SessionDescription offer;
        private final AtomicReference<@Nullable OutgoingCall> call = new AtomicReference<>();
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile @Nullable InputSender sender;
        private volatile @Nullable ViewInputForwarder forwarder;

        private Control(String target, JComponent view, Ui ui, VideoStream screen, SessionDescription offer) {
            this.target = target;
            this.view = view;
            this.ui = ui;
            this.screen = screen;
            this.offer = offer;
        }

        /** The input stream's sender, once connected. */
        public Optional<InputSender> sender() {
            return Optional.ofNullable(sender);
        }

        /** Ends it: CANCEL while waiting, BYE once on. */
        public void stop() {
            OutgoingCall c = call.get();
            if (c != null) {
                c.hangUp();
            }
            finish("stopped here", false);
        }

        @Override
        public void answered(SessionDescription answer) {
            // Off the SIP thread: connecting may take a moment.
            Thread t = new Thread(() -> connect(answer), "control-connect");
            t.setDaemon(true);
            t.start();
        }

        private void connect(SessionDescription answer) {
            try {
                Negotiation n = Offers.readAnswer(offer, answer, Profiles.REMOTE_CONTROLLER);
                StreamNegotiation input = n.streams().get(1);
                StreamNegotiation screenStream = n.streams().get(0);
                if (!input.accepted() || input.remoteHost().isEmpty()) {
                    fail("the other agent does not take remote control");
                    return;
                }
                Optional<ScreenSize> size = ScreenAttribute.screen(screenStream.offered());
                if (size.isEmpty()) {
                    fail("the answer does not say the screen's size");
                    return;
                }
                int payloadType = Integer.parseInt(input.formats().get(0).payloadType());
                InetSocketAddress remote = new InetSocketAddress(
                        InetAddress.getByName(input.remoteHost().get()), input.remotePort());
                InputSender s =
                        InputSender.connect(remote, payloadType, Duration.ofSeconds(5), why -> onStreamEnd(why));
                sender = s;
                ScreenSize screenSize = size.get();
                screen.start(screenStream); // receives and decodes the controlled screen
                SwingUtilities.invokeAndWait(
                        () -> forwarder = ViewInputForwarder.attach(view, () -> Optional.of(screenSize), s::send));
                LOG.info("controlling {} ({}x{})", target, screenSize.width(), screenSize.height());
                ui.started(target, screenSize);
            } catch (SdpParseException | IOException | RuntimeException e) {
                fail("could not connect the input stream: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            } catch (java.lang.reflect.InvocationTargetException e) {
                fail("could not attach to the view: " + e.getCause());
            }
        }

        private void fail(String why) {
            OutgoingCall c = call.get();
            if (c != null) {
                c.hangUp();
            }
            finish(why, true);
        }

        private void onStreamEnd(StreamEnd why) {
            if (why != StreamEnd.LOCAL_STOP) {
                fail(why.text());
            }
        }

        @Override
        public void failed(int status, String reason) {
            if (over.compareAndSet(false, true)) {
                screen.close();
                ui.refused(target, status, reason);
            }
        }

        @Override
        public void ended() {
            finish(target + " ended it", true);
        }

        private void finish(String why, boolean tell) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            ViewInputForwarder f = forwarder;
            if (f != null) {
                SwingUtilities.invokeLater(f::detach);
            }
            InputSender s = sender;
            if (s != null) {
                s.close();
            }
            screen.close();
            LOG.info("control of {} ended: {}", target, why);
            if (tell) {
                ui.ended(target, why);
            }
        }
    }
}
