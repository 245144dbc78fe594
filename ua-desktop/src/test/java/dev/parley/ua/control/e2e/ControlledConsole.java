package dev.parley.ua.control.e2e;

import dev.parley.ua.console.ConsoleCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The controlled user's desktop in interop-tests' {@code RemoteControlIT}: the {@link
 * TextFieldWindow} on the private X display, then {@code parley console} (its real main, with
 * the arguments given) in the same JVM, whose screen is that display.
 */
public final class ControlledConsole {
    private ControlledConsole() {}

    public static void main(String[] args) throws Exception {
        TextFieldWindow.show(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        ConsoleCommand.main(args);
    }
}
