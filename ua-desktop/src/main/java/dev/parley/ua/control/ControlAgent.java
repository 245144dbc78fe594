package dev.parley.ua.control;

import dev.parley.ua.control.sip.ControlSip;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.swing.JComponent;

/**
 * Remote control for one agent in one object: its control SIP user agent, the controlled side
 * (asking through the given UI, injecting with java.awt.Robot) and the controller side. The window
 * and the console each make one and close it with the agent.
 *
 * <pre>
 * ControlAgent control = ControlAgent.start("bob", local, 0, ControlledSide.Config.defaults(local),
 *         side -> new SwingControlUi(side));          // or: side -> new ConsoleControl(out, side)
 * control.request("sip:alice@192.0.2.10:5070", view, ui); // control NAME / Request control
 * </pre>
 */
public final class ControlAgent implements AutoCloseable {
    private final ControlSip sip;
    private final ControlledSide controlled;
    private final ControllerSide controller;

    private ControlAgent(ControlSip sip, ControlledSide controlled, ControllerSide controller) {
        this.sip = sip;
        this.controlled = controlled;
        this.controller = controller;
    }

    /**
     * Starts control SIP for {@code user} on {@code local:sipPort} (0: any free port) and the two
     * sides; {@code ui} makes the controlled side's UI from a handle to that side.
     */
    public static ControlAgent start(
            String user,
            InetAddress local,
            int sipPort,
            ControlledSide.Config config,
            Function<Supplier<ControlledSide>, ControlledSide.Ui> ui)
            throws IOException {
        ControlSip sip = ControlSip.start(user, local, sipPort);
        ControlledSide[] side = new ControlledSide[1];
        side[0] = new ControlledSide(
                config, sip, ControlledSide.Injection::robot, ui.apply(() -> side[0]), Clock.systemUTC());
        return new ControlAgent(sip, side[0], new ControllerSide(sip, local));
    }

    /** Where other agents reach this one for control: {@code sip:user@host:port}. */
    public String uri() {
        return sip.uri();
    }

    public ControlledSide controlled() {
        return controlled;
    }

    /** Asks {@code target} for control; pointer and keys on {@code view} act on their screen once allowed. */
    public ControllerSide.Control request(String target, JComponent view, ControllerSide.Ui ui) throws IOException {
        return controller.request(target, view, ui);
    }

    /** The default answer time, for the consent dialog's countdown. */
    public static Duration answerTime() {
        return dev.parley.ua.control.consent.ControlConsent.DEFAULT_ANSWER_TIME;
    }

    @Override
    public void close() {
        controlled.close();
        sip.close();
    }
}
