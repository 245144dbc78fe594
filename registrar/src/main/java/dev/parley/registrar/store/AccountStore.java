package dev.parley.registrar.store;

import dev.parley.registrar.digest.Ha1Pair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts in the {@code parley_account} table: user name, realm, the two HA1 hashes. */
public final class AccountStore {
    private final Database db;

    public AccountStore(Database db) {
        this.db = db;
    }

    /** The account of {@code username}, if there is one. */
    public Optional<Account> find(String username) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT username, realm, ha1_md5, ha1_sha256, created_at FROM parley_account WHERE username = ?")) {
                s.setString(1, username);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<Account>empty();
                }
            }
        });
    }

    /** Adds an account; false when the name is taken. */
    public boolean add(Account account) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM parley_account WHERE username = ?")) {
                exists.setString(1, account.username());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO parley_account"
                    + " (username, realm, ha1_md5, ha1_sha256, created_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, account.username());
                s.setString(2, account.realm());
                s.setString(3, account.ha1().md5());
                s.setString(4, account.ha1().sha256());
                s.setLong(5, account.createdAt().toEpochMilli());
                s.executeUpdate();
            }
            return true;
        });
    }

    /** Replaces the hashes (and realm) of an existing account; false when there is none. */
    public boolean changePassword(String username, String realm, Ha1Pair ha1) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE parley_account SET realm = ?, ha1_md5 = ?, ha1_sha256 = ? WHERE username = ?")) {
                s.setString(1, realm);
                s.setString(2, ha1.md5());
                s.setString(3, ha1.sha256());
                s.setString(4, username);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Removes an account and its bindings; false when there was none. */
    public boolean remove(String username, String aor) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement b = c.prepareStatement("DELETE FROM parley_binding WHERE aor = ?")) {
                b.setString(1, aor);
                b.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_account WHERE username = ?")) {
                s.setString(1, username);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Every account, by name. */
    public List<Account> list() throws StoreException {
        return db.transaction(c -> {
            List<Account> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT username, realm, ha1_md5, ha1_sha256, created_at FROM parley_account ORDER BY username");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
            return all;
        });
    }

    private static Account read(ResultSet rs) throws java.sql.SQLException {
        return new Account(
                rs.getString(1),
                rs.getString(2),
                new Ha1Pair(rs.getString(3).trim(), rs.getString(4).trim()),
                Instant.ofEpochMilli(rs.getLong(5)));
    }
}
