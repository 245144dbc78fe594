package dev.parley.ua.control;

import dev.parley.ua.control.consent.ControlConsent;
import dev.parley.ua.control.sip.ControlCalls;
import dev.parley.ua.session.MediaStreamFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.swing.JComponent;

/**
 * Remote control for one agent in one object: the controlled side (asking through the given UI,
 * injecting with java.awt.Robot, sending the screen from {@code screen}) and the controller side,
 * both on the agent's own SIP session's control calls. The window and the console each make one
 * and close it before the session.
 *
 * <pre>
 * ControlAgent control = ControlAgent.start(session.controlCalls(), session.localAddress(),
 *         ControlledSide.Config.defaults(local), screen,
 *         side -> new SwingControlUi(side));             // or: side -> new ConsoleControl(out, side)
 * control.request("sip:alice@example.com", view, ui);   // control NAME / Request control
 * </pre>
 */
public final class ControlAgent implements AutoCloseable {
    private final ControlledSide controlled;
    private final ControllerSide controller;

    private ControlAgent(ControlledSide controlled, ControllerSide controller) {
        this.controlled = controlled;
        this.controller = controller;
    }

    /**
     * Starts both sides on {@code calls} (the session's); {@code ui} makes the controlled side's UI
     * from a handle to that side.
     */
    public static ControlAgent start(
            ControlCalls calls,
            InetAddress local,
            ControlledSide.Config config,
            MediaStreamFactory screen,
            Function<Supplier<ControlledSide>, ControlledSide.Ui> ui) {
        ControlledSide[] side = new ControlledSide[1];
        side[0] = new ControlledSide(
                config, calls, ControlledSide.Desktop.robot(), screen, ui.apply(() -> side[0]), Clock.systemUTC());
        return new ControlAgent(side[0], new ControllerSide(calls, local));
    }

    public ControlledSide controlled() {
        return controlled;
    }

    /** Asks {@code target} for control; pointer and keys on {@code view} act on their screen once allowed. */
    public ControllerSide.Control request(String target, JComponent view, ControllerSide.Ui ui) throws IOException {
        return controller.request(target, view, ui);
    }

    /** The same, naming them {@code who} to {@code ui}. */
    public ControllerSide.Control request(String uri, String who, JComponent view, ControllerSide.Ui ui)
            throws IOException {
        return controller.request(uri, who, view, ui);
    }

    /** The default answer time, for the consent dialog's countdown. */
    public static Duration answerTime() {
        return ControlConsent.DEFAULT_ANSWER_TIME;
    }

    /** Ends any control of this screen and any question open; the session's calls stay. */
    @Override
    public void close() {
        controlled.close();
    }
}
