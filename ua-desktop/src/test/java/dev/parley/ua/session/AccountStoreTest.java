package dev.parley.ua.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStoreTest {
    @TempDir
    Path dir;

    @Test
    void withoutKeyringThePasswordGoesToAFileOnlyTheUserCanReadAndNeverIntoTheConfig() throws Exception {
        AccountStore store = new AccountStore(dir.resolve("parley"), false);
        assertThat(store.load()).isEmpty();
        Account a = new Account("sip.example.com:5060", "alice", "s3cret pass", "Alice", "example.com");
        assertThat(store.save(a)).isEqualTo(AccountStore.PasswordPlace.PRIVATE_FILE);

        assertThat(Files.readString(dir.resolve("parley/account.properties")))
                .contains("alice")
                .doesNotContain("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.passwordFile())))
                .isEqualTo("rw-------");
        assertThat(store.load()).contains(a);

        Account changed = new Account("sip.example.com:5060", "alice", "new", "Alice L", "example.com");
        store.save(changed);
        assertThat(store.load()).contains(changed);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.passwordFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void theAccountNeverPrintsItsPassword() {
        Account a = new Account("127.0.0.1:5060", "bob", "hunter2", "", "localhost");
        assertThat(a.toString()).doesNotContain("hunter2").contains("sip:bob@localhost");
        assertThat(a.name()).isEqualTo("bob");
        assertThat(a.serverPort()).isEqualTo(5060);
    }
}
