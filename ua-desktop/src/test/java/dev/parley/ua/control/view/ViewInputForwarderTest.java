package dev.parley.ua.control.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.MouseButton;
import dev.parley.ua.control.hip.ScreenSize;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.swing.JPanel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AWT events on a 640×360 view of a 1920×1080 screen become HIP messages in remote pixels. */
class ViewInputForwarderTest {
    private final JPanel view = new JPanel();
    private final List<HipMessage> sent = new ArrayList<>();
    private ViewInputForwarder forwarder;

    @BeforeEach
    void attach() {
        view.setSize(640, 360);
        forwarder = ViewInputForwarder.attach(view, () -> Optional.of(new ScreenSize(1920, 1080)), sent::add);
    }

    private void mouse(int id, int x, int y, int button) {
        view.dispatchEvent(new MouseEvent(view, id, 0L, 0, x, y, 1, false, button));
    }

    @Test
    void aClickIsAPressAndAReleaseAtTheScaledPoint() {
        mouse(MouseEvent.MOUSE_PRESSED, 100, 50, MouseEvent.BUTTON1);
        mouse(MouseEvent.MOUSE_RELEASED, 100, 50, MouseEvent.BUTTON1);
        mouse(MouseEvent.MOUSE_PRESSED, 1, 2, MouseEvent.BUTTON3);

        assertThat(sent)
                .containsExactly(
                        new HipMessage.MousePressed(MouseButton.LEFT, 300, 150),
                        new HipMessage.MouseReleased(MouseButton.LEFT, 300, 150),
                        new HipMessage.MousePressed(MouseButton.RIGHT, 3, 6));
    }

    @Test
    void movesAndDragsAreMoves() {
        mouse(MouseEvent.MOUSE_MOVED, 10, 10, MouseEvent.NOBUTTON);
        mouse(MouseEvent.MOUSE_DRAGGED, 20, 10, MouseEvent.NOBUTTON);

        assertThat(sent).containsExactly(new HipMessage.MouseMoved(30, 30), new HipMessage.MouseMoved(60, 30));
    }

    @Test
    void theWheelTowardTheUserIsANegativeDistance() {
        view.dispatchEvent(new MouseWheelEvent(
                view, MouseEvent.MOUSE_WHEEL, 0L, 0, 10, 10, 0, false, MouseWheelEvent.WHEEL_UNIT_SCROLL, 3, 1));

        assertThat(sent).containsExactly(new HipMessage.MouseWheelMoved(30, 30, -120));
    }

    // Key events reach a component through the focus manager, which a headless test has not: the
    // forwarder's listener methods are called as the focused view would call them.
    @Test
    void keysTravelAsVirtualKeyCodesAndTheirTextIsNotSentTwice() {
        forwarder.keyPressed(new KeyEvent(view, KeyEvent.KEY_PRESSED, 0L, 0, KeyEvent.VK_H, 'h'));
        forwarder.keyTyped(new KeyEvent(view, KeyEvent.KEY_TYPED, 0L, 0, KeyEvent.VK_UNDEFINED, 'h'));
        forwarder.keyReleased(new KeyEvent(view, KeyEvent.KEY_RELEASED, 0L, 0, KeyEvent.VK_H, 'h'));

        assertThat(sent)
                .containsExactly(new HipMessage.KeyPressed(KeyEvent.VK_H), new HipMessage.KeyReleased(KeyEvent.VK_H));
    }

    @Test
    void aCharacterWithoutAKeyTravelsAsText() {
        forwarder.keyPressed(new KeyEvent(view, KeyEvent.KEY_PRESSED, 0L, 0, KeyEvent.VK_UNDEFINED, 'é'));
        forwarder.keyTyped(new KeyEvent(view, KeyEvent.KEY_TYPED, 0L, 0, KeyEvent.VK_UNDEFINED, 'é'));

        assertThat(sent).containsExactly(new HipMessage.KeyTyped("é"));
    }
}
