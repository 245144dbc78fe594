package dev.parley.ua.control;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SessionDescription;
import dev.parley.ua.control.hip.ScreenSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controlled screen's size in the answer, as RFC 6236 image attributes on the slides section:
 * {@code a=imageattr:* send [x=1920,y=1080]}. The controlled side sends its screen unscaled, so
 * this is both the picture's size and the space of the HIP coordinates the controller sends.
 */
public final class ScreenAttribute {
    private static final Pattern SEND = Pattern.compile("send\\s+\\[x=(\\d{1,5}),y=(\\d{1,5})");

    private ScreenAttribute() {}

    /** {@code sdp} with the attribute added to media section {@code index}. */
    public static SessionDescription withScreen(SessionDescription sdp, int index, ScreenSize screen) {
        List<MediaDescription> media = new ArrayList<>(sdp.media());
        MediaDescription m = media.get(index);
        List<Attribute> attrs = new ArrayList<>(m.attributes());
        attrs.add(Attribute.of("imageattr", "* send [x=" + screen.width() + ",y=" + screen.height() + "]"));
        media.set(index, m.withAttributes(attrs));
        return new SessionDescription(
                sdp.version(),
                sdp.origin(),
                sdp.sessionName(),
                sdp.information(),
                sdp.uri(),
                sdp.emails(),
                sdp.phones(),
                sdp.connection(),
                sdp.bandwidths(),
                sdp.timings(),
                sdp.zoneAdjustments(),
                sdp.key(),
                sdp.attributes(),
                media);
    }

    /** The screen size a media section states it sends, if it states one. */
    public static Optional<ScreenSize> screen(MediaDescription m) {
        for (String value : m.attributes("imageattr")) {
            Matcher x = SEND.matcher(value);
            if (x.find()) {
                int w = Integer.parseInt(x.group(1));
                int h = Integer.parseInt(x.group(2));
                if (w > 0 && h > 0) {
                    return Optional.of(new ScreenSize(w, h));
                }
            }
        }
        return Optional.empty();
    }
}
