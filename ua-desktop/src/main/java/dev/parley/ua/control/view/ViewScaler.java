package dev.parley.ua.control.view;

import dev.parley.ua.control.hip.ScreenSize;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps the controller's view to the controlled screen: the remote screen is drawn as large as
 * fits, aspect ratio kept, centred (letterboxed); a view point inside that image maps to the
 * remote pixel under it, a point in the bars to nothing. Pure.
 */
public final class ViewScaler {
    private final ScreenSize remote;
    private final Rectangle image;

    public ViewScaler(int viewWidth, int viewHeight, ScreenSize remote) {
        this.remote = Objects.requireNonNull(remote, "remote");
        double scale = Math.min(
                (double) Math.max(viewWidth, 0) / remote.width(), (double) Math.max(viewHeight, 0) / remote.height());
        int w = (int) Math.round(remote.width() * scale);
        int h = (int) Math.round(remote.height() * scale);
        this.image = new Rectangle((viewWidth - w) / 2, (viewHeight - h) / 2, w, h);
    }

    /** Where the remote screen is drawn in the view. */
    public Rectangle imageBounds() {
        return new Rectangle(image);
    }

    /** The remote pixel under view point ({@code x}, {@code y}); empty in the bars or on an empty view. */
    public Optional<Point> toRemote(int x, int y) {
        if (image.width == 0 || image.height == 0 || !image.contains(x, y)) {
            return Optional.empty();
        }
        long rx = (long) (x - image.x) * remote.width() / image.width;
        long ry = (long) (y - image.y) * remote.height() / image.height;
        return Optional.of(
                new Point((int) Math.min(rx, remote.width() - 1L), (int) Math.min(ry, remote.height() - 1L)));
    }
}
