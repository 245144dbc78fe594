package dev.parley.ua.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MenuTest {
    @Test
    void theSeedsNumbersMeanWhatTheyMeantOutsideAndInsideAMeeting() {
        assertThat(Menu.parse("1", false)).isEqualTo(new MenuCommand.Create());
        assertThat(Menu.parse("2 831620", false)).isEqualTo(new MenuCommand.Join("831620"));
        assertThat(Menu.parse("1", true)).isEqualTo(new MenuCommand.Share("screen"));
        assertThat(Menu.parse("2", true)).isEqualTo(new MenuCommand.Control("other"));
        assertThat(Menu.parse("3", true)).isEqualTo(new MenuCommand.Control("mine"));
        assertThat(Menu.parse("4", true)).isEqualTo(new MenuCommand.Share("video"));
        assertThat(Menu.parse("5", true)).isEqualTo(new MenuCommand.Share("audio"));
        assertThat(Menu.parse("6", true)).isEqualTo(new MenuCommand.Leave());
        assertThat(Menu.parse("7", true)).isEqualTo(new MenuCommand.Members());
        assertThat(Menu.parse("8", true)).isEqualTo(new MenuCommand.Close());
    }

    @Test
    void wordsWorkAnywhere() {
        assertThat(Menu.parse("  join sip:831620@example.com ", true))
                .isEqualTo(new MenuCommand.Join("sip:831620@example.com"));
        assertThat(Menu.parse("CREATE", false)).isEqualTo(new MenuCommand.Create());
        assertThat(Menu.parse("members", false)).isEqualTo(new MenuCommand.Members());
        assertThat(Menu.parse("mute Bob Smith", true)).isEqualTo(new MenuCommand.Mute("Bob Smith", true));
        assertThat(Menu.parse("unmute bob", true)).isEqualTo(new MenuCommand.Mute("bob", false));
        assertThat(Menu.parse("kick sip:bob@localhost", true)).isEqualTo(new MenuCommand.Kick("sip:bob@localhost"));
        assertThat(Menu.parse("lock", true)).isEqualTo(new MenuCommand.Lock(true));
        assertThat(Menu.parse("unlock", true)).isEqualTo(new MenuCommand.Lock(false));
        assertThat(Menu.parse("keys *0", true)).isEqualTo(new MenuCommand.Keys("*0"));
        assertThat(Menu.parse("share audio", true)).isEqualTo(new MenuCommand.Share("audio"));
        assertThat(Menu.parse("control Bob Smith", true)).isEqualTo(new MenuCommand.Control("Bob Smith"));
        assertThat(Menu.parse("control sip:bob@localhost", false))
                .isEqualTo(new MenuCommand.Control("sip:bob@localhost"));
        assertThat(Menu.parse("2 Bob", true)).isEqualTo(new MenuCommand.Control("Bob"));
        assertThat(Menu.parse("click 300 140", true)).isEqualTo(new MenuCommand.Click(300, 140));
        assertThat(Menu.parse("type hello world", false)).isEqualTo(new MenuCommand.Type("hello world"));
        assertThat(Menu.parse("quit", true)).isEqualTo(new MenuCommand.Quit());
        assertThat(Menu.parse("", true)).isEqualTo(new MenuCommand.Nothing());
    }

    @Test
    void badLinesSayWhatToType() {
        assertThat(Menu.parse("2", false))
                .isEqualTo(new MenuCommand.Unknown("join needs the meeting: 2 ID or join ID"));
        assertThat(Menu.parse("9", true))
                .isEqualTo(new MenuCommand.Unknown("unknown command \"9\": type help for the menu"));
        assertThat(Menu.parse("kick", true)).isEqualTo(new MenuCommand.Unknown("kick needs a member: kick NAME"));
        assertThat(Menu.parse("keys 12x", true))
                .isEqualTo(new MenuCommand.Unknown("keys takes DTMF keys: 0-9 * # A-D"));
        assertThat(Menu.parse("share printer", true))
                .isEqualTo(new MenuCommand.Unknown("share audio, share video or share screen"));
        assertThat(Menu.parse("click 3", true))
                .isEqualTo(new MenuCommand.Unknown("click takes the other screen's pixel: click X Y"));
        assertThat(Menu.parse("type", true))
                .isEqualTo(new MenuCommand.Unknown("type takes the text to type on the other screen: type TEXT"));
        assertThat(Menu.parse("create now", false)).isEqualTo(new MenuCommand.Unknown("create takes nothing after it"));
    }
}
