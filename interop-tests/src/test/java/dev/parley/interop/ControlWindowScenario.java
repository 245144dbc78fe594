package dev.parley.interop;

import static dev.parley.interop.WindowScenario.await;
import static dev.parley.interop.WindowScenario.click;
import static dev.parley.interop.WindowScenario.edt;
import static dev.parley.interop.WindowScenario.find;
import static dev.parley.interop.WindowScenario.println;
import static dev.parley.interop.WindowScenario.signIn;
import static dev.parley.interop.WindowScenario.text;
import static dev.parley.interop.WindowScenario.window;

import dev.parley.ua.control.view.RemoteScreenView;
import dev.parley.ua.ui.UaWindow;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.SwingUtilities;

/**
 * Runs inside an X display ({@code xvfb-run}, started by {@link RemoteControlIT}): two real {@code
 * parley ua} windows in a meeting, Carol's and Dave's. Carol right-clicks Dave in her member list
 * and picks Request control; Dave's window asks (the dialog) and he clicks Allow; his bar appears,
 * Carol's controller window shows his screen; Dave clicks the bar's Stop and Carol's window says
 * it ended. Prints one {@code KEY value} line per observation; the last line is {@code DONE}.
 * Arguments: SERVER (host:port), a work directory.
 */
public final class ControlWindowScenario {
    private ControlWindowScenario() {}

    public static void main(String[] args) throws Exception {
        String server = args[0];
        Path dir = Path.of(args[1]);
        SwingUtilities.invokeAndWait(UaWindow::installTheme);
        UaWindow carol = window(dir.resolve("carol"), "Carol");
        UaWindow dave = window(dir.resolve("dave"), "Dave");
        try {
            signIn(carol, server, "carol", "Carol", "carol-pw");
            signIn(dave, server, "dave", "Dave", "dave-pw");
            click(carol, "create");
            String id = await("Carol's meeting ID", () -> text(carol, "meetingId"), s -> !s.isEmpty());
            WindowScenario.type(dave, "joinTarget", id);
            click(dave, "join");
            List<String> rows = await("Carol's member list", carol::memberRows, r -> r.size() == 2);

            // Carol right-clicks Dave's row: the member menu, then Request control.
            int daveRow = rows.indexOf(
                    rows.stream().filter(r -> r.startsWith("Dave")).findFirst().orElseThrow());
            edt(() -> {
                @SuppressWarnings("unchecked") // the window's member list
                JList<Object> members = (JList<Object>) find(carol, "members");
                Rectangle cell = members.getCellBounds(daveRow, daveRow);
                members.dispatchEvent(new MouseEvent(
                        members,
                        MouseEvent.MOUSE_PRESSED,
                        System.currentTimeMillis(),
                        InputEvent.BUTTON3_DOWN_MASK,
                        cell.x + 10,
                        cell.y + cell.height / 2,
                        1,
                        true,
                        MouseEvent.BUTTON3));
                return null;
            });
            clickAnywhere("requestControl");
            println("CAROL-MESSAGE " + await("Carol's message", carol::shownMessage, m -> m.startsWith("Asked")));

            // Dave's window asks; he allows.
            println("DAVE-ASKED "
                    + await("Dave's question", () -> label("controlRequest"), Optional::isPresent)
                            .orElseThrow());
            clickAnywhere("allowControl");
            println("DAVE-BAR "
                    + await("Dave's bar", () -> labelText("controlBarText"), Optional::isPresent)
                            .orElseThrow());
            println("CAROL-STATUS "
                    + await(
                                    "Carol's controller window",
                                    () -> labelText("controlStatus"),
                                    t -> t.filter(s -> s.startsWith("Controlling"))
                                            .isPresent())
                            .orElseThrow());
            println("CAROL-PICTURE "
                    + await(
                                    "Dave's screen in Carol's controller window",
                                    ControlWindowScenario::remoteScreen,
                                    Optional::isPresent)
                            .orElseThrow());

            clickAnywhere("stopControl"); // Dave's bar
            println("CAROL-ENDED "
                    + await(
                                    "Carol's controller window after Stop",
                                    () -> labelText("controlStatus"),
                                    t -> t.filter(s -> s.startsWith("Control ended"))
                                            .isPresent())
                            .orElseThrow());
            println("DAVE-ROWS " + String.join(" | ", edt(dave::memberRows)));
            println("DONE");
        } catch (Exception | AssertionError e) {
            println("FAILED " + e);
            e.printStackTrace();
        } finally {
            Thread closing = new Thread(() -> {
                carol.closeSession();
                dave.closeSession();
            });
            closing.start();
            closing.join(10_000);
            System.exit(0);
        }
    }

    /** The first label of the showing window named {@code windowName}: the question's text. */
    private static Optional<String> label(String windowName) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && windowName.equals(w.getName())) {
                Optional<JLabel> l = first(w, JLabel.class);
                if (l.isPresent()) {
                    return Optional.of(l.get().getText());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> labelText(String name) {
        return anywhere(name).map(c -> ((JLabel) c).getText());
    }

    /** The size of the picture Carol's controller window shows. */
    private static Optional<String> remoteScreen() {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && "controllerWindow".equals(w.getName())) {
                return first(w, RemoteScreenView.class)
                        .flatMap(RemoteScreenView::remoteScreen)
                        .map(s -> s.width() + "x" + s.height());
            }
        }
        return Optional.empty();
    }

    /** Clicks the showing button or menu item {@code name} in any window, waiting for it. */
    private static void clickAnywhere(String name) throws Exception {
        await(name, () -> anywhere(name), Optional::isPresent);
        edt(() -> {
            ((AbstractButton) anywhere(name).orElseThrow()).doClick();
            return null;
        });
    }

    private static Optional<Component> anywhere(String name) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing()) {
                try {
                    Component c = find(w, name);
                    if (c.isShowing()) {
                        return Optional.of(c);
                    }
                } catch (IllegalArgumentException notHere) {
                    // another window
                }
            }
        }
        return Optional.empty();
    }

    private static <T extends Component> Optional<T> first(Component c, Class<T> type) {
        if (type.isInstance(c)) {
            return Optional.of(type.cast(c));
        }
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                Optional<T> found = first(child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
