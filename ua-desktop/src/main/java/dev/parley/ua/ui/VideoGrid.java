package dev.parley.ua.ui;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.session.Roster;
import dev.parley.ua.session.RosterMember;
import java.awt.GridLayout;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

/**
 * The video grid: one tile per received stream, named after the member whose {@code <src-id>}
 * it carries (RFC 4575, through the roster), a shared screen as "NAME's screen", and the local
 * preview. A {@link VideoSink}: pictures come from media threads and are shown on the event
 * dispatch thread.
 */
final class VideoGrid extends JPanel implements VideoSink {
    private static final long serialVersionUID = 1L;
    private static final String LOCAL = "local";

    private final Map<String, VideoTile> tiles = new LinkedHashMap<>();
    /** Shared screens that stopped: late pictures of theirs make no new tile. */
    private final Set<String> stopped = new HashSet<>();

    private transient Roster roster = Roster.empty();

    VideoGrid() {
        super(new GridLayout(1, 1, 4, 4));
        setName("videoGrid");
    }

    @Override
    public void received(MediaKind kind, long ssrc, BufferedImage picture) {
        SwingUtilities.invokeLater(() -> {
            String key = kind + "-" + ssrc;
            if (!stopped.contains(key)) {
                tile(key, label(kind, ssrc)).show(picture);
            }
        });
    }

    @Override
    public void sent(MediaKind kind, BufferedImage picture) {
        if (kind == MediaKind.VIDEO) {
            SwingUtilities.invokeLater(() -> tile(LOCAL, "You").show(picture));
        }
    }

    @Override
    public void ended(MediaKind kind, long ssrc) {
        SwingUtilities.invokeLater(() -> remove(kind + "-" + ssrc));
    }

    /**
     * New member list: tiles get their names, and a shared screen's tile goes when its member
     * no longer presents (on the event dispatch thread).
     */
    void roster(Roster r) {
        roster = r;
        for (Map.Entry<String, VideoTile> e : List.copyOf(tiles.entrySet())) {
            String key = e.getKey();
            if (key.equals(LOCAL)) {
                continue;
            }
            String[] parts = key.split("-", 2);
            MediaKind kind = MediaKind.valueOf(parts[0]);
            long ssrc = Long.parseLong(parts[1]);
            if (kind == MediaKind.SLIDES && !presenting(ssrc)) {
                stopped.add(key);
                remove(key);
            } else {
                e.getValue().label(label(kind, ssrc));
            }
        }
    }

    /** Removes every tile (the meeting ended). */
    void clear() {
        tiles.clear();
        stopped.clear();
        removeAll();
        relayout();
    }

    /** The labels of the tiles, in order (for tests and the screen reader). */
    List<String> labels() {
        return tiles.values().stream().map(VideoTile::label).toList();
    }

    /** Whether the member list names {@code ssrc} as a member's shared screen that is on. */
    private boolean presenting(long ssrc) {
        return roster.bySrcId(ssrc).map(RosterMember::presenting).orElse(false);
    }

    private String label(MediaKind kind, long ssrc) {
        Optional<String> name = roster.bySrcId(ssrc).map(RosterMember::name);
        String who = name.orElse("someone");
        return kind == MediaKind.SLIDES ? who + "'s screen" : who;
    }

    private VideoTile tile(String key, String label) {
        VideoTile t = tiles.get(key);
        if (t == null) {
            t = new VideoTile(label);
            t.setName("tile:" + key);
            tiles.put(key, t);
            add(t);
            relayout();
        }
        return t;
    }

    private void remove(String key) {
        VideoTile t = tiles.remove(key);
        if (t != null) {
            remove(t);
            relayout();
        }
    }

    private void relayout() {
        int n = Math.max(1, tiles.size());
        int columns = (int) Math.ceil(Math.sqrt(n));
        setLayout(new GridLayout((n + columns - 1) / columns, columns, 4, 4));
        revalidate();
        repaint();
    }
}
