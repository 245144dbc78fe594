package dev.parley.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.registrar.digest.Ha1Pair;
import dev.parley.registrar.store.Account;
import dev.parley.registrar.store.AccountStore;
import dev.parley.registrar.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code parley user import FILE} against a real embedded store. */
class UserImportTest {
    @TempDir
    Path dir;

    private int run(String... args) {
        return new CommandLine(new UserCommand()).execute(args);
    }

    private List<Account> accounts() throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(dir.resolve("data")), 1)) {
            return new AccountStore(db).list();
        }
    }

    @Test
    void importsEveryLineAndKeepsExistingPasswords() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "# bench users\nalice s3cret\n\nbob   pass word\n");
        assertThat(run("import", file.toString(), "--data", data.toString())).isZero();
        assertThat(accounts())
                .extracting(Account::username, Account::ha1)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", Ha1Pair.of("alice", "localhost", "s3cret")),
                        org.assertj.core.groups.Tuple.tuple("bob", Ha1Pair.of("bob", "localhost", "pass word")));

        Files.writeString(file, "alice changed\ncarol c\n");
        assertThat(run("import", file.toString(), "--data", data.toString())).isZero();
        assertThat(accounts())
                .filteredOn(a -> a.username().equals("alice"))
                .extracting(Account::ha1)
                .containsExactly(Ha1Pair.of("alice", "localhost", "s3cret"));
        assertThat(accounts()).extracting(Account::username).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aBadLineImportsNothing() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "dave pw\nno-password-here\n");
        assertThat(run("import", file.toString(), "--data", data.toString())).isEqualTo(2);
        assertThat(accounts()).isEmpty();
    }
}
