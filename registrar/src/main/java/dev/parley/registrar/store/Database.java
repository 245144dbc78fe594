package dev.parley.registrar.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * The registrar's JDBC database: H2 embedded in a file under the data directory by default,
 * PostgreSQL for several servers sharing one location service. One schema for both; it is
 * created on open when missing.
 */
public final class Database implements AutoCloseable {
    /** Work done in one transaction; a SQLException rolls it back. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS parley_account ("
                + " username VARCHAR(64) PRIMARY KEY, realm VARCHAR(255) NOT NULL,"
                + " ha1_md5 CHAR(32) NOT NULL, ha1_sha256 CHAR(64) NOT NULL, created_at BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS parley_binding ("
                + " aor VARCHAR(320) NOT NULL, contact_key VARCHAR(1024) NOT NULL,"
                + " contact_uri VARCHAR(2048) NOT NULL, q INTEGER, expires_at BIGINT NOT NULL,"
                + " call_id VARCHAR(512) NOT NULL, cseq BIGINT NOT NULL, transport VARCHAR(8) NOT NULL,"
                + " source_host VARCHAR(255) NOT NULL, source_port INTEGER NOT NULL,"
                + " local_host VARCHAR(255) NOT NULL, local_port INTEGER NOT NULL,"
                + " updated_at BIGINT NOT NULL, user_agent VARCHAR(512),"
                + " PRIMARY KEY (aor, contact_key))",
        "CREATE INDEX IF NOT EXISTS parley_binding_expiry ON parley_binding (expires_at)",
        // SIP Outbound (RFC 5626): the instance and reg-id of an outbound binding, else NULL.
        "ALTER TABLE parley_binding ADD COLUMN IF NOT EXISTS instance_id VARCHAR(255)",
        "ALTER TABLE parley_binding ADD COLUMN IF NOT EXISTS reg_id INTEGER",
        "CREATE TABLE IF NOT EXISTS parley_secret (name VARCHAR(64) PRIMARY KEY, secret VARCHAR(256) NOT NULL)"
    };

    private final String url;
    private final ConnectionPool pool;
    private final GroupCommit group;

    private Database(String url, int connections) {
        this.url = url;
        this.pool = new ConnectionPool(url, connections);
        this.group = new GroupCommit(this, 64);
    }

    /**
     * The embedded default: an H2 file {@code parley} in {@code dataDir}. Every commit is
     * written before the call returns ({@code WRITE_DELAY=0}), so a 200'd REGISTER survives
     * kill -9; {@code AUTO_SERVER} lets {@code parley user} reach the file while the server runs.
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    /** Connects to {@code url} and creates the schema when it is missing. */
    public static Database open(String url, int connections) throws StoreException {
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the store is H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...), got "
                    + url.replaceAll("password=[^&;]*", "password=***"));
        }
        Database db = new Database(url, connections);
        try {
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String ddl : SCHEMA) {
                        s.execute(ddl);
                    }
                }
                return Boolean.TRUE;
            });
        } catch (StoreException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Whether this process is the database's only writer of bindings: H2 embedded in a file or
     * in memory. Servers that share a location service share a database server (PostgreSQL, or
     * H2 over TCP), where other processes write too.
     */
    public boolean embedded() {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    /** The JDBC URL with any password masked, for logs. */
    public String describe() {
        return url.replaceAll("password=[^&;]*", "password=***");
    }

    /** Runs {@code work} in one transaction and commits it. */
    public <T> T transaction(Work<T> work) throws StoreException {
        Connection c;
        try {
            c = pool.borrow();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
        boolean broken = false;
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            broken = true;
            throw new StoreException("database error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The work failed half way: the connection holds an open transaction, so it must not
            // go back to the pool as it is (closing it rolls the work back).
            broken = true;
            throw e;
        } finally {
            pool.release(c, broken);
        }
    }

    /**
     * Runs {@code work} in a transaction shared with other work arriving at the same moment
     * (group commit) and returns once it is committed. For short read-modify-write units whose
     * callers wait for durability, such as a REGISTER's binding update.
     */
    public <T> T groupTransaction(Work<T> work) throws StoreException {
        return group.run(work);
    }

    /**
     * {@link #groupTransaction} without waiting: the future completes once the work is committed
     * (or failed with a {@link StoreException}), on the store's writer thread.
     */
    public <T> CompletableFuture<T> groupTransactionAsync(Work<T> work) {
        return group.submit(work);
    }

    /**
     * Tells {@code listener}, on the writer thread, how each group transaction ended, before
     * its callers are released. One listener per database (the location service's cache).
     */
    void onGroupEnd(GroupCommit.Listener listener) {
        group.listen(listener);
    }

    /** Group commits so far and the units of work they held. */
    public long groupCommits() {
        return group.commits();
    }

    public long groupUnits() {
        return group.units();
    }

    /**
     * The named server secret (for example the nonce key), created with 32 random bytes the
     * first time; servers sharing the database share it.
     */
    public byte[] secret(String name) throws StoreException {
        try {
            return readOrCreateSecret(name);
        } catch (StoreException e) {
            // Another server created it at the same moment: the second attempt reads theirs.
            return readOrCreateSecret(name);
        }
    }

    private byte[] readOrCreateSecret(String name) throws StoreException {
        return HexFormat.of().parseHex(transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT secret FROM parley_secret WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String hex = HexFormat.of().formatHex(fresh);
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO parley_secret (name, secret) VALUES (?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, hex);
                insert.executeUpdate();
            }
            return hex;
        }));
    }

    @Override
    public void close() {
        group.close();
        pool.close();
    }
}
