package dev.parley.ua.console;

import java.util.Objects;

/** One line of the console's input, understood. */
public sealed interface MenuCommand {
    record Create() implements MenuCommand {}

    record Join(String meeting) implements MenuCommand {
        public Join {
            Objects.requireNonNull(meeting, "meeting");
        }
    }

    record Leave() implements MenuCommand {}

    record Members() implements MenuCommand {}

    record Close() implements MenuCommand {}

    /** Toggle sending one kind of media: {@code audio}, {@code video} or {@code screen}. */
    record Share(String what) implements MenuCommand {
        public Share {
            Objects.requireNonNull(what, "what");
        }
    }

    /** Remote control: {@code control NAME} asks NAME; {@code other} and {@code mine} are the menu's 2 and 3. */
    record Control(String what) implements MenuCommand {
        public Control {
            Objects.requireNonNull(what, "what");
        }
    }

    /** While controlling: a left click at pixel {@code (x, y)} of the other screen. */
    record Click(int x, int y) implements MenuCommand {}

    /** While controlling: {@code text} typed on the other screen. */
    record Type(String text) implements MenuCommand {
        public Type {
            Objects.requireNonNull(text, "text");
        }
    }

    record Mute(String member, boolean muted) implements MenuCommand {
        public Mute {
            Objects.requireNonNull(member, "member");
        }
    }

    record Kick(String member) implements MenuCommand {
        public Kick {
            Objects.requireNonNull(member, "member");
        }
    }

    record Lock(boolean locked) implements MenuCommand {}

    record Keys(String keys) implements MenuCommand {
        public Keys {
            Objects.requireNonNull(keys, "keys");
        }
    }

    record Help() implements MenuCommand {}

    record Quit() implements MenuCommand {}

    /** A blank line: nothing to do. */
    record Nothing() implements MenuCommand {}

    /** A line that is not a command, with what to type instead. */
    record Unknown(String message) implements MenuCommand {
        public Unknown {
            Objects.requireNonNull(message, "message");
        }
    }
}
