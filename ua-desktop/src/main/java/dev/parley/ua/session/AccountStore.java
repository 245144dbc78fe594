package dev.parley.ua.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The saved account of the window: server, user, display name and domain in {@code
 * account.properties} under the config directory; the password never there, but in the OS
 * keyring (Secret Service through {@code secret-tool}, when it is installed and answers) or
 * else in {@code password}, a file only the user can read and write (0600).
 */
public final class AccountStore {
    private static final String SERVICE = "parley";

    private final Path dir;
    private final boolean useKeyring;

    /** {@code dir}: e.g. {@link #defaultDir()}; {@code useKeyring}: try {@code secret-tool} first. */
    public AccountStore(Path dir, boolean useKeyring) {
        this.dir = dir;
        this.useKeyring = useKeyring;
    }

    /** {@code $XDG_CONFIG_HOME/parley}, else {@code ~/.config/parley}. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("parley");
    }

    /** Where the password went. */
    public enum PasswordPlace {
        KEYRING,
        PRIVATE_FILE
    }

    /** Saves the account; returns where the password is kept. */
    public PasswordPlace save(Account account) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("server", account.server());
        p.setProperty("user", account.user());
        p.setProperty("display-name", account.displayName());
        p.setProperty("domain", account.domain());
        Path tmp = dir.resolve("account.properties.tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Parley account (the password is not here)");
        }
        Files.move(tmp, dir.resolve("account.properties"), StandardCopyOption.REPLACE_EXISTING);
        if (useKeyring && keyringStore(account)) {
            Files.deleteIfExists(passwordFile());
            return PasswordPlace.KEYRING;
        }
        writePrivate(passwordFile(), account.password());
        return PasswordPlace.PRIVATE_FILE;
    }

    /** The saved account with its password, if one was saved and its password is found. */
    public Optional<Account> load() throws IOException {
        Path file = dir.resolve("account.properties");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String server = p.getProperty("server", "");
        String user = p.getProperty("user", "");
        if (server.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> password = useKeyring ? keyringLookup(server, user) : Optional.empty();
        if (password.isEmpty() && Files.exists(passwordFile())) {
            password = Optional.of(Files.readString(passwordFile(), StandardCharsets.UTF_8));
        }
        if (password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Account(
                server, user, password.get(), p.getProperty("display-name", ""), p.getProperty("domain", "localhost")));
    }

    Path passwordFile() {
        return dir.resolve("password");
    }

    /** Creates the file with mode 0600 before a byte is written, so it is never readable by others. */
    private static void writePrivate(Path file, String secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            throw new IOException("this file system has no POSIX permissions; not saving the password", e);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(tmp + " appeared while saving", e);
        }
        Files.writeString(tmp, secret, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean keyringStore(Account a) {
        return run(
                        List.of(
                                "secret-tool",
                                "store",
                                "--label=Parley " + a.aor(),
                                "service",
                                SERVICE,
                                "server",
                                a.server(),
                                "user",
                                a.user()),
                        a.password())
                .isPresent();
    }

    private static Optional<String> keyringLookup(String server, String user) {
        return run(List.of("secret-tool", "lookup", "service", SERVICE, "server", server, "user", user), "")
                .filter(s -> !s.isEmpty());
    }

    /** Runs a keyring command with {@code stdin}; its stdout when it exits 0 within 5 s, else empty. */
    private static Optional<String> run(List<String> command, String stdin) {
        if (!onPath(command.get(0))) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out;
            try (InputStream o = p.getInputStream()) {
                out = o.readAllBytes();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        int from = 0;
        while (from <= path.length()) {
            int end = path.indexOf(java.io.File.pathSeparatorChar, from);
            String d = path.substring(from, end < 0 ? path.length() : end);
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
            if (end < 0) {
                break;
            }
            from = end + 1;
        }
        return false;
    }
}
