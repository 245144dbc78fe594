package dev.parley.ua.control.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ua.control.hip.ScreenSize;
import java.awt.Point;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class ViewScalerTest {
    private static final ScreenSize FULL_HD = new ScreenSize(1920, 1080);

    @Test
    void aHalfSizeViewMapsEachPointToTwiceItsCoordinates() {
        ViewScaler s = new ViewScaler(960, 540, FULL_HD);

        assertThat(s.imageBounds()).isEqualTo(new Rectangle(0, 0, 960, 540));
        assertThat(s.toRemote(0, 0)).contains(new Point(0, 0));
        assertThat(s.toRemote(480, 270)).contains(new Point(960, 540));
        assertThat(s.toRemote(959, 539)).contains(new Point(1918, 1078));
    }

    @Test
    void aTallerViewLetterboxesAndTheBarsMapToNothing() {
        ViewScaler s = new ViewScaler(960, 740, FULL_HD); // 100 px bars above and below

        assertThat(s.imageBounds()).isEqualTo(new Rectangle(0, 100, 960, 540));
        assertThat(s.toRemote(10, 50)).isEmpty();
        assertThat(s.toRemote(10, 100)).contains(new Point(20, 0));
        assertThat(s.toRemote(10, 650)).isEmpty();
    }

    @Test
    void aLargerViewScalesDownAndNeverLeavesTheScreen() {
        ViewScaler s = new ViewScaler(3840, 2160, FULL_HD);

        assertThat(s.toRemote(3839, 2159)).contains(new Point(1919, 1079));
    }

    @Test
    void anEmptyViewMapsNothing() {
        assertThat(new ViewScaler(0, 0, FULL_HD).toRemote(0, 0)).isEmpty();
    }
}
