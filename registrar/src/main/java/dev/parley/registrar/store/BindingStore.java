package dev.parley.registrar.store;

import dev.parley.registrar.location.Binding;
import dev.parley.registrar.location.Flow;
import dev.parley.registrar.location.Outbound;
import dev.parley.registrar.location.RegisterDecision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The location service's bindings in the {@code parley_binding} table. {@link #updateAsync} reads an
 * address-of-record's rows with {@code FOR UPDATE}, lets the registrar decide, and writes the
 * decision in the same transaction, so a REGISTER is all-or-nothing (RFC 3261 §10.3 step 7) and
 * durable once answered. Concurrent updates share one commit ({@link Database#groupTransactionAsync}).
 */
public final class BindingStore {
    private static final String COLUMNS = "aor, contact_key, contact_uri, q, expires_at, call_id, cseq,"
            + " transport, source_host, source_port, local_host, local_port, updated_at, user_agent, instance_id, reg_id";

    private final Database db;

    public BindingStore(Database db) {
        this.db = db;
    }

    /**
     * Decides about one REGISTER for {@code aor} over its stored bindings and applies the result
     * in the next group commit; the future completes once the decision is committed, or
     * exceptionally with a {@link StoreException}.
     */
    public CompletableFuture<RegisterDecision> updateAsync(
            String aor, Function<List<Binding>, RegisterDecision> decide) {
        return db.groupTransactionAsync(c -> apply(c, aor, decide));
    }

    private static RegisterDecision apply(Connection c, String aor, Function<List<Binding>, RegisterDecision> decide)
            throws SQLException {
        List<Binding> stored = select(c, "SELECT " + COLUMNS + " FROM parley_binding WHERE aor = ? FOR UPDATE", aor);
        RegisterDecision decision = decide.apply(stored);
        if (decision instanceof RegisterDecision.Accepted a
                && !(a.removedKeys().isEmpty() && a.upserts().isEmpty())) {
            try (PreparedStatement delete =
                    c.prepareStatement("DELETE FROM parley_binding WHERE aor = ? AND contact_key = ?")) {
                for (String key : a.removedKeys()) {
                    delete.setString(1, aor);
                    delete.setString(2, key);
                    delete.addBatch();
                }
                for (Binding b : a.upserts()) {
                    delete.setString(1, aor);
                    delete.setString(2, b.contactKey());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            insert(c, a.upserts());
        }
        return decision;
    }

    /** The live bindings of {@code aor} at {@code now}. */
    public List<Binding> lookup(String aor, Instant now) throws StoreException {
        return db.transaction(c -> {
            List<Binding> all = select(c, "SELECT " + COLUMNS + " FROM parley_binding WHERE aor = ?", aor);
            all.removeIf(b -> !b.isLive(now));
            return all;
        });
    }

    /**
     * Deletes the bindings without SIP Outbound that were registered over {@code flow}, a
     * connection that closed: nothing can reach those phones any more (the connection was the
     * only way in), so they are gone at once rather than at their expiry, as Kamailio's usrloc does
     * with {@code handle_lost_tcp}. Outbound bindings stay: their phone registers a new flow with
     * the same reg-id, and meanwhile the proxy skips the closed one. Returns how many.
     */
    public int removeFlow(Flow flow) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_binding WHERE transport = ?"
                    + " AND source_host = ? AND source_port = ? AND local_host = ? AND local_port = ?"
                    + " AND reg_id IS NULL")) {
                s.setString(1, flow.transport());
                s.setString(2, flow.sourceHost());
                s.setInt(3, flow.sourcePort());
                s.setString(4, flow.localHost());
                s.setInt(5, flow.localPort());
                return s.executeUpdate();
            }
        });
    }

    /** How many bindings are live at {@code now}. */
    public long countLive(Instant now) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM parley_binding WHERE expires_at > ?")) {
                s.setLong(1, now.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Deletes the bindings that expired by {@code now}; returns how many. */
    public int purgeExpired(Instant now) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_binding WHERE expires_at <= ?")) {
                s.setLong(1, now.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    private static List<Binding> select(Connection c, String sql, String aor) throws SQLException {
        List<Binding> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, aor);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int q = rs.getInt(4);
                    Optional<Integer> qValue = rs.wasNull() ? Optional.empty() : Optional.of(q);
                    rows.add(new Binding(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            qValue,
                            Instant.ofEpochMilli(rs.getLong(5)),
                            rs.getString(6),
                            rs.getLong(7),
                            new Flow(rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11), rs.getInt(12)),
                            Instant.ofEpochMilli(rs.getLong(13)),
                            Optional.ofNullable(rs.getString(14)),
                            outbound(rs.getString(15), rs.getInt(16))));
                }
            }
        }
        return rows;
    }

    private static Optional<Outbound> outbound(@Nullable String instance, int regId) {
        return instance == null || regId < 1 ? Optional.empty() : Optional.of(new Outbound(instance, regId));
    }

    private static void insert(Connection c, List<Binding> bindings) throws SQLException {
        if (bindings.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO parley_binding (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Binding b : bindings) {
                s.setString(1, b.aor());
                s.setString(2, b.contactKey());
                s.setString(3, b.contactUri());
                if (b.q().isPresent()) {
                    s.setInt(4, b.q().get());
                } else {
                    s.setNull(4, Types.INTEGER);
                }
                s.setLong(5, b.expiresAt().toEpochMilli());
                s.setString(6, b.callId());
                s.setLong(7, b.cseq());
                s.setString(8, b.flow().transport());
                s.setString(9, b.flow().sourceHost());
                s.setInt(10, b.flow().sourcePort());
                s.setString(11, b.flow().localHost());
                s.setInt(12, b.flow().localPort());
                s.setLong(13, b.updatedAt().toEpochMilli());
                s.setString(14, b.userAgent().orElse(null));
                if (b.outbound().isPresent()) {
                    s.setString(15, b.outbound().get().instance());
                    s.setInt(16, b.outbound().get().regId());
                } else {
                    s.setNull(15, Types.VARCHAR);
                    s.setNull(16, Types.INTEGER);
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
