package dev.parley.sdp.negotiation;

import java.util.BitSet;
import java.util.Optional;

/** A telephone-event list such as {@code 0-15,66,70} (RFC 4733 §7.1.1), events 0–255. */
final class EventRanges {
    private final BitSet events;

    private EventRanges(BitSet events) {
        this.events = events;
    }

    static Optional<EventRanges> parse(String list) {
        BitSet events = new BitSet(256);
        for (String part : list.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to =
                        dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to > 255 || from > to) {
                    return Optional.empty();
                }
                events.set(from, to + 1);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new EventRanges(events));
    }

    EventRanges intersect(EventRanges other) {
        BitSet common = (BitSet) events.clone();
        common.and(other.events);
        return new EventRanges(common);
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The list in its shortest form: {@code 0-15,66}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int from = events.nextSetBit(0); from >= 0; ) {
            int to = events.nextClearBit(from) - 1;
            out.append(out.length() == 0 ? "" : ",").append(from);
            if (to > from) {
                out.append('-').append(to);
            }
            from = events.nextSetBit(to + 1);
        }
        return out.toString();
    }
}
