package dev.parley.proxy.cli;

import dev.parley.proxy.config.ConfigException;
import dev.parley.proxy.config.ConfigFile;
import dev.parley.proxy.config.ServerConfig;
import dev.parley.registrar.digest.Ha1Pair;
import dev.parley.registrar.store.Account;
import dev.parley.registrar.store.AccountStore;
import dev.parley.registrar.store.Database;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley user add|passwd|remove|list|import}: the accounts that may register. Only the HA1
 * hashes (MD5 and SHA-256, RFC 7616 §3.4.2) of the password are stored.
 */
@Command(
        name = "parley user",
        mixinStandardHelpOptions = true,
        description = "Manages the accounts that may register.",
        subcommands = {
            UserCommand.Add.class,
            UserCommand.Passwd.class,
            UserCommand.Remove.class,
            UserCommand.ListUsers.class,
            UserCommand.Import.class
        })
public final class UserCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    /** Opens the store the server would use and runs {@code action} on it. */
    static int withAccounts(StoreOptions store, String command, AccountAction action) throws Exception {
        ServerConfig config;
        try {
            config = ConfigFile.resolve(store.configFile(), store.flags());
        } catch (ConfigException e) {
            System.err.println("parley user " + command + ": " + e.getMessage());
            return 2;
        }
        try (Database db = Database.open(config.jdbcUrl(), 1)) {
            return action.run(new AccountStore(db), config);
        }
    }

    /** Work on the account store. */
    @FunctionalInterface
    interface AccountAction {
        int run(AccountStore accounts, ServerConfig config) throws Exception;
    }

    /** The new password, from one stdin line or typed twice at the terminal. */
    static Optional<String> readPassword(boolean fromStdin, String name) throws IOException {
        if (fromStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return Optional.ofNullable(line).filter(s -> !s.isEmpty());
        }
        Console console = System.console();
        if (console == null) {
            System.err.println("parley user: no terminal to ask for the password; pipe it in with --password-stdin");
            return Optional.empty();
        }
        char[] first = console.readPassword("password for %s: ", name);
        char[] second = console.readPassword("again: ");
        if (first == null || second == null || first.length == 0 || !Arrays.equals(first, second)) {
            System.err.println("parley user: the passwords are empty or differ");
            return Optional.empty();
        }
        return Optional.of(new String(first));
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds an account.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(paramLabel = "NAME", description = "user name, the user part of sip:NAME@DOMAIN")
        String name = "";

        @Option(names = "--password-stdin", description = "read the password from the first line of stdin")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            if (!Account.validName(name)) {
                System.err.println("parley user add: '" + name + "' is not a valid user name"
                        + " (1-64 letters, digits and - _ . ! ~ * ' ( ) +)");
                return 2;
            }
            Optional<String> password = readPassword(passwordStdin, name);
            if (password.isEmpty()) {
                return 1;
            }
            return withAccounts(store, "add", (accounts, config) -> {
                Account account = new Account(
                        name, config.domain(), Ha1Pair.of(name, config.domain(), password.get()), Instant.now());
                if (!accounts.add(account)) {
                    System.err.println("parley user add: " + name + " exists; use 'parley user passwd " + name + "'");
                    return 1;
                }
                System.out.println("added sip:" + name + "@" + config.domain());
                return 0;
            });
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a new password.")
    static final class Passwd implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(paramLabel = "NAME")
        String name = "";

        @Option(names = "--password-stdin", description = "read the password from the first line of stdin")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            Optional<String> password = readPassword(passwordStdin, name);
            if (password.isEmpty()) {
                return 1;
            }
            return withAccounts(store, "passwd", (accounts, config) -> {
                if (!accounts.changePassword(
                        name, config.domain(), Ha1Pair.of(name, config.domain(), password.get()))) {
                    System.err.println("parley user passwd: no user " + name);
                    return 1;
                }
                System.out.println("password of " + name + " changed");
                return 0;
            });
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes an account and its registrations.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(paramLabel = "NAME")
        String name = "";

        @Override
        public Integer call() throws Exception {
            return withAccounts(store, "remove", (accounts, config) -> {
                if (!accounts.remove(name, "sip:" + name + "@" + config.domain())) {
                    System.err.println("parley user remove: no user " + name);
                    return 1;
                }
                System.out.println("removed " + name);
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Override
        public Integer call() throws Exception {
            return withAccounts(store, "list", (accounts, config) -> {
                for (Account a : accounts.list()) {
                    System.out.println(a.username() + "\t" + a.realm() + "\t" + a.createdAt());
                }
                return 0;
            });
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Adds the accounts listed in FILE, one 'NAME PASSWORD' per line; blank lines and lines"
                        + " starting with # are skipped. Every line is checked before anything is written;"
                        + " names that exist keep their password."
            })
    static final class Import implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(paramLabel = "FILE", description = "the accounts, one 'NAME PASSWORD' per line")
        Path file = Path.of("");

        @Override
        public Integer call() throws Exception {
            List<String[]> wanted = new ArrayList<>();
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("parley user import: cannot read " + file + ": " + e.getMessage());
                return 2;
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\\s+", 2);
                if (fields.length != 2 || !Account.validName(fields[0])) {
                    System.err.println("parley user import: " + file + ":" + (i + 1)
                            + ": want 'NAME PASSWORD' with a valid user name; nothing was imported");
                    return 2;
                }
                wanted.add(fields);
            }
            return withAccounts(store, "import", (accounts, config) -> {
                int added = 0;
                int existing = 0;
                for (String[] account : wanted) {
                    Account a = new Account(
                            account[0],
                            config.domain(),
                            Ha1Pair.of(account[0], config.domain(), account[1]),
                            Instant.now());
                    if (accounts.add(a)) {
                        added++;
                    } else {
                        existing++;
                    }
                    if ((added + existing) % 1000 == 0) {
                        System.err.println("parley user import: " + (added + existing) + " of " + wanted.size());
                    }
                }
                System.out.println("imported " + added + " accounts into " + config.domain()
                        + (existing == 0 ? "" : " (" + existing + " existed and kept their password)"));
                return 0;
            });
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new UserCommand()).execute(args));
    }
}
