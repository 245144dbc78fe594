package dev.parley.ua.control.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ua.control.hip.HipDrop;
import dev.parley.ua.control.hip.HipDropCounters;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.MouseButton;
import java.awt.event.KeyEvent;
import org.junit.jupiter.api.Test;

class InputApplierTest {
    private final RecordingInjector injector = new RecordingInjector();
    private final HipDropCounters drops = new HipDropCounters();
    private final InputApplier applier = new InputApplier(injector, drops);

    @Test
    void buttonsAreRenumberedFromHipToRobotAndPressedWhereThePointerIs() {
        applier.apply(new HipMessage.MousePressed(MouseButton.RIGHT, 5, 6));
        applier.apply(new HipMessage.MouseReleased(MouseButton.RIGHT, 7, 8));
        applier.apply(new HipMessage.MousePressed(MouseButton.MIDDLE, 1, 1));

        assertThat(injector.calls())
                .containsExactly(
                        "move 5,6", "press button 3", "move 7,8", "release button 3", "move 1,1", "press button 2");
        assertThat(applier.heldButtons()).containsExactly(MouseButton.MIDDLE);
    }

    @Test
    void releaseAllLetsGoOfEveryHeldKeyAndButtonOnce() {
        applier.apply(new HipMessage.KeyPressed(KeyEvent.VK_SHIFT));
        applier.apply(new HipMessage.KeyPressed(KeyEvent.VK_A));
        applier.apply(new HipMessage.KeyPressed(KeyEvent.VK_B));
        applier.apply(new HipMessage.KeyReleased(KeyEvent.VK_B));
        applier.apply(new HipMessage.MousePressed(MouseButton.LEFT, 0, 0));

        applier.releaseAll();
        applier.releaseAll();

        assertThat(injector.calls())
                .endsWith("release key " + KeyEvent.VK_A, "release key " + KeyEvent.VK_SHIFT, "release button 1");
        assertThat(applier.heldKeys()).isEmpty();
        assertThat(applier.heldButtons()).isEmpty();
    }

    @Test
    void wheelDistanceIsTurnedIntoJavaNotchesKeepingTheRemainder() {
        applier.apply(new HipMessage.MouseWheelMoved(1, 1, 240)); // two notches away from the user
        applier.apply(new HipMessage.MouseWheelMoved(1, 1, -60)); // half a notch toward
        applier.apply(new HipMessage.MouseWheelMoved(1, 1, -60)); // the other half

        assertThat(injector.calls()).filteredOn(c -> c.startsWith("wheel")).containsExactly("wheel -2", "wheel 1");
    }

    @Test
    void aKeyThisKeyboardLacksIsCountedAndNotHeld() {
        applier.apply(new HipMessage.KeyPressed(RecordingInjector.MISSING_KEY));

        assertThat(drops.get(HipDrop.NOT_INJECTABLE)).isEqualTo(1);
        assertThat(applier.heldKeys()).isEmpty();
        assertThat(applier.applied()).isZero();
    }

    @Test
    void typedTextBecomesKeyStrokesWithShiftForCapitals() {
        applier.apply(new HipMessage.KeyTyped("Hi"));

        assertThat(injector.calls())
                .containsExactly(
                        "press key " + KeyEvent.VK_SHIFT,
                        "press key " + KeyEvent.VK_H,
                        "release key " + KeyEvent.VK_H,
                        "release key " + KeyEvent.VK_SHIFT,
                        "press key " + KeyEvent.VK_I,
                        "release key " + KeyEvent.VK_I);
        assertThat(applier.heldKeys()).isEmpty();
    }
}
