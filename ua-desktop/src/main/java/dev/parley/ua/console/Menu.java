package dev.parley.ua.console;

import java.util.List;
import java.util.Locale;

/**
 * The student project's console menu, kept (its numbers still work) and given words: outside a
 * meeting {@code 1} create, {@code 2 ID} join; in a meeting {@code 1} share screen, {@code 2}
 * control another's screen, {@code 3} control my screen, {@code 4} share video, {@code 5} share
 * audio, {@code 6} leave, {@code 7} show members, {@code 8} close; and for the host {@code mute
 * NAME}, {@code unmute NAME}, {@code kick NAME}, {@code lock}, {@code unlock}; remote control
 * {@code control NAME}, then {@code click X Y} and {@code type TEXT}. Pure.
 */
public final class Menu {
    private Menu() {}

    /** The menu as printed, for outside or inside a meeting. */
    public static List<String> lines(boolean inMeeting) {
        if (!inMeeting) {
            return List.of("1. Create a meeting", "2. Join a meeting (2 ID)", "Action:");
        }
        return List.of(
                "1. (Stop) Share screen",
                "2. (Stop) Control other's screen",
                "3. (Stop) Control my screen",
                "4. (Stop) Share video",
                "5. (Stop) Share audio",
                "6. Leave a meeting",
                "7. Show current meeting members",
                "8. Close a meeting",
                "host: mute NAME, unmute NAME, kick NAME, lock, unlock; keys DIGITS; help; quit",
                "control NAME; while controlling: click X Y, type TEXT, stop; when asked: allow, decline",
                "Action:");
    }

    public static MenuCommand parse(String line, boolean inMeeting) {
        String t = line.strip();
        if (t.isEmpty()) {
            return new MenuCommand.Nothing();
        }
        int space = t.indexOf(' ');
        String word = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : t.substring(space + 1).strip();
        if (!inMeeting) {
            switch (word) {
                case "1", "create" -> {
                    return rest.isEmpty() ? new MenuCommand.Create() : extra(word);
                }
                case "2", "join" -> {
                    return rest.isEmpty()
                            ? new MenuCommand.Unknown("join needs the meeting: 2 ID or join ID")
                            : new MenuCommand.Join(rest);
                }
                default -> {
                    // fall through to the words that work anywhere
                }
            }
        } else {
            switch (word) {
                case "1" -> {
                    return new MenuCommand.Share("screen");
                }
                case "2" -> {
                    return new MenuCommand.Control(rest.isEmpty() ? "other" : rest);
                }
                case "3" -> {
                    return new MenuCommand.Control("mine");
                }
                case "4" -> {
                    return new MenuCommand.Share("video");
                }
                case "5" -> {
                    return new MenuCommand.Share("audio");
                }
                case "6" -> {
                    return new MenuCommand.Leave();
                }
                case "7" -> {
                    return new MenuCommand.Members();
                }
                case "8" -> {
                    return new MenuCommand.Close();
                }
                default -> {
                    // words below
                }
            }
        }
        return switch (word) {
            case "create" -> new MenuCommand.Create();
            case "join" ->
                rest.isEmpty()
                        ? new MenuCommand.Unknown("join needs the meeting: join ID")
                        : new MenuCommand.Join(rest);
            case "leave" -> new MenuCommand.Leave();
            case "members" -> new MenuCommand.Members();
            case "close" -> new MenuCommand.Close();
            case "share" ->
                switch (rest.toLowerCase(Locale.ROOT)) {
                    case "audio", "video", "screen" -> new MenuCommand.Share(rest.toLowerCase(Locale.ROOT));
                    default -> new MenuCommand.Unknown("share audio, share video or share screen");
                };
            case "control" -> new MenuCommand.Control(rest.isEmpty() ? "other" : rest);
            case "click" -> {
                String[] xy = rest.split("\\s+");
                yield xy.length == 2 && xy[0].matches("\\d{1,5}") && xy[1].matches("\\d{1,5}")
                        ? new MenuCommand.Click(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]))
                        : new MenuCommand.Unknown("click takes the other screen's pixel: click X Y");
            }
            case "type" ->
                rest.isEmpty()
                        ? new MenuCommand.Unknown("type takes the text to type on the other screen: type TEXT")
                        : new MenuCommand.Type(rest);
            case "mute", "unmute", "kick" -> {
                if (rest.isEmpty()) {
                    yield new MenuCommand.Unknown(word + " needs a member: " + word + " NAME");
                }
                yield word.equals("kick")
                        ? new MenuCommand.Kick(rest)
                        : new MenuCommand.Mute(rest, word.equals("mute"));
            }
            case "lock" -> new MenuCommand.Lock(true);
            case "unlock" -> new MenuCommand.Lock(false);
            case "keys", "dtmf" ->
                rest.isEmpty() || !rest.matches("[0-9*#A-Da-d]+")
                        ? new MenuCommand.Unknown("keys takes DTMF keys: 0-9 * # A-D")
                        : new MenuCommand.Keys(rest);
            case "help", "menu", "?" -> new MenuCommand.Help();
            case "quit", "exit" -> new MenuCommand.Quit();
            default -> new MenuCommand.Unknown("unknown command \"" + t + "\": type help for the menu");
        };
    }

    private static MenuCommand extra(String word) {
        return new MenuCommand.Unknown(word + " takes nothing after it");
    }
}
