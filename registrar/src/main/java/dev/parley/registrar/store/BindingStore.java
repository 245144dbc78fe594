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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The location service's bindings in the {@code parley_binding} table. {@link #updateAsync} lets
 * the registrar decide over an address-of-record's stored bindings and writes the decision in one
 * transaction, so a REGISTER is all-or-nothing (RFC 3261 §10.3 step 7) and durable once answered.
 * Concurrent updates share one commit ({@link Database#groupTransactionAsync}).
 *
 * <p>On an embedded database (H2, {@link Database#embedded}) this process is the only writer, so
 * the committed bindings are also kept in memory, as Kamailio's usrloc does in its write-through
 * mode: lookups and the registrar's decisions read memory, and the database is only written.
 * Every change is made on the store's writer thread, and the memory copy takes it when its
 * transaction commits, before the REGISTER is answered. On a shared database (PostgreSQL) other
 * servers write too, so every read goes to the database, and an update reads its rows
 * {@code FOR UPDATE}.
 */
public final class BindingStore {
    private static final String COLUMNS = "aor, contact_key, contact_uri, q, expires_at, call_id, cseq,"
            + " transport, source_host, source_port, local_host, local_port, updated_at, user_agent, instance_id, reg_id";

    private final Database db;
    /** Embedded databases only: each address-of-record's committed bindings. */
    private final @Nullable Map<String, List<Binding>> committed;
    /** The open group transaction's changes by address-of-record; writer thread only. */
    private final Map<String, List<Binding>> uncommitted = new HashMap<>();

    public BindingStore(Database db) throws StoreException {
        this.db = db;
        if (!db.embedded()) {
            this.committed = null;
            return;
        }
        Map<String, List<Binding>> all = new ConcurrentHashMap<>();
        db.transaction(c -> {
            for (Binding b : select(c, "SELECT " + COLUMNS + " FROM parley_binding", Optional.empty())) {
                all.merge(b.aor(), List.of(b), BindingStore::concat);
            }
            return all;
        });
        this.committed = all;
        db.onGroupEnd(new GroupCommit.Listener() {
            @Override
            public void committed() {
                uncommitted.forEach((aor, bindings) -> {
                    if (bindings.isEmpty()) {
                        all.remove(aor);
                    } else {
                        all.put(aor, bindings);
                    }
                });
                uncommitted.clear();
            }

            @Override
            public void rolledBack() {
                uncommitted.clear();
            }
        });
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

    private RegisterDecision apply(Connection c, String aor, Function<List<Binding>, RegisterDecision> decide)
            throws SQLException {
        List<Binding> stored = committed == null
                ? select(c, "SELECT " + COLUMNS + " FROM parley_binding WHERE aor = ? FOR UPDATE", Optional.of(aor))
                : current(aor);
        RegisterDecision decision = decide.apply(stored);
        if (decision instanceof RegisterDecision.Accepted a
                && !(a.removedKeys().isEmpty() && a.upserts().isEmpty())) {
            if (!a.removedKeys().isEmpty()) {
                try (PreparedStatement delete =
                        c.prepareStatement("DELETE FROM parley_binding WHERE aor = ? AND contact_key = ?")) {
                    for (String key : a.removedKeys()) {
                        delete.setString(1, aor);
                        delete.setString(2, key);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            // A refresh updates its row in place: a delete and an insert touched every index
            // and the row's page twice, in the commit the REGISTER's 200 waits for.
            Set<String> storedKeys = new HashSet<>();
            stored.forEach(b -> storedKeys.add(b.contactKey()));
            storedKeys.removeAll(a.removedKeys());
            List<Binding> refreshed = new ArrayList<>();
            List<Binding> added = new ArrayList<>();
            for (Binding b : a.upserts()) {
                (storedKeys.contains(b.contactKey()) ? refreshed : added).add(b);
            }
            added.addAll(update(c, refreshed));
            insert(c, added);
            if (committed != null) {
                Set<String> replaced = new HashSet<>(a.removedKeys());
                a.upserts().forEach(b -> replaced.add(b.contactKey()));
                List<Binding> next = new ArrayList<>();
                stored.stream().filter(b -> !replaced.contains(b.contactKey())).forEach(next::add);
                next.addAll(a.upserts());
                uncommitted.put(aor, List.copyOf(next));
            }
        }
        return decision;
    }

    /** Writer thread, embedded store: the bindings as the open transaction sees them. */
    private List<Binding> current(String aor) {
        List<Binding> open = uncommitted.get(aor);
        if (open != null) {
            return open;
        }
        return Objects.requireNonNull(committed).getOrDefault(aor, List.of());
    }

    /**
     * Writer thread, embedded store: drops the bindings that {@code gone} picks from every
     * address-of-record, as the open transaction's change.
     */
    private void removeCached(Predicate<Binding> gone) {
        Set<String> aors = new HashSet<>(Objects.requireNonNull(committed).keySet());
        aors.addAll(uncommitted.keySet());
        for (String aor : aors) {
            List<Binding> now = current(aor);
            if (now.stream().anyMatch(gone)) {
                uncommitted.put(aor, now.stream().filter(gone.negate()).toList());
            }
        }
    }

    private static List<Binding> concat(List<Binding> a, List<Binding> b) {
        List<Binding> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /** The live bindings of {@code aor} at {@code now}. */
    public List<Binding> lookup(String aor, Instant now) throws StoreException {
        if (committed != null) {
            return committed.getOrDefault(aor, List.of()).stream()
                    .filter(b -> b.isLive(now))
                    .collect(Collectors.toCollection(ArrayList::new));
        }
        return db.transaction(c -> {
            List<Binding> all = select(c, "SELECT " + COLUMNS + " FROM parley_binding WHERE aor = ?", Optional.of(aor));
            all.removeIf(b -> !b.isLive(now));
            return all;
        });
    }

    /** What a closed connection did to the bindings registered over it. */
    public record FlowRemoval(int dropped, int outboundKept) {
        /** Whether any binding depended on that very connection. */
        public boolean anyBound() {
            return dropped > 0 || outboundKept > 0;
        }
    }

    /**
     * A connection closed: deletes the bindings registered over it that depended on it (see
     * {@link Binding#connectionBound()}) and have no SIP Outbound. Nothing can reach those phones
     * any more, so they go at once rather than at their expiry, as with Kamailio's usrloc {@code
     * handle_lost_tcp}. Outbound bindings stay: their phone registers a new flow with the same
     * reg-id, and meanwhile the proxy skips the closed one. A binding whose Contact names the very
     * address and port the connection came from stays too: the phone listens there.
     */
    public FlowRemoval removeFlow(Flow flow) throws StoreException {
        return db.groupTransaction(c -> {
            List<Binding> on = new ArrayList<>();
            if (committed != null) {
                Set<String> aors = new HashSet<>(committed.keySet());
                aors.addAll(uncommitted.keySet());
                for (String aor : aors) {
                    current(aor).stream().filter(b -> b.flow().equals(flow)).forEach(on::add);
                }
            } else {
                on = select(
                        c,
                        "SELECT " + COLUMNS + " FROM parley_binding WHERE transport = ? AND source_host = ?"
                                + " AND source_port = ? AND local_host = ? AND local_port = ?",
                        s -> {
                            s.setString(1, flow.transport());
                            s.setString(2, flow.sourceHost());
                            s.setInt(3, flow.sourcePort());
                            s.setString(4, flow.localHost());
                            s.setInt(5, flow.localPort());
                        });
            }
            List<Binding> gone = on.stream()
                    .filter(b -> b.outbound().isEmpty() && b.connectionBound())
                    .toList();
            if (!gone.isEmpty()) {
                try (PreparedStatement delete =
                        c.prepareStatement("DELETE FROM parley_binding WHERE aor = ? AND contact_key = ?")) {
                    for (Binding b : gone) {
                        delete.setString(1, b.aor());
                        delete.setString(2, b.contactKey());
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                if (committed != null) {
                    removeCached(gone::contains);
                }
            }
            int kept = (int) on.stream().filter(b -> b.outbound().isPresent()).count();
            return new FlowRemoval(gone.size(), kept);
        });
    }

    /** How many bindings are live at {@code now}. */
    public long countLive(Instant now) throws StoreException {
        if (committed != null) {
            return committed.values().stream()
                    .flatMap(List::stream)
                    .filter(b -> b.isLive(now))
                    .count();
        }
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
        Database.Work<Integer> purge = c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_binding WHERE expires_at <= ?")) {
                s.setLong(1, now.toEpochMilli());
                int removed = s.executeUpdate();
                if (committed != null) {
                    removeCached(b -> !b.isLive(now));
                }
                return removed;
            }
        };
        // The memory copy changes on the writer thread only.
        return committed != null ? db.groupTransaction(purge) : db.transaction(purge);
    }

    /** Sets a query's parameters. */
    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private static List<Binding> select(Connection c, String sql, Optional<String> aor) throws SQLException {
        return select(c, sql, s -> {
            if (aor.isPresent()) {
                s.setString(1, aor.get());
            }
        });
    }

    private static List<Binding> select(Connection c, String sql, Parameters parameters) throws SQLException {
        List<Binding> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
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
                setValues(s, 3, b);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Updates the rows of {@code bindings}; returns those that had no row to update. */
    private static List<Binding> update(Connection c, List<Binding> bindings) throws SQLException {
        if (bindings.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE parley_binding SET contact_uri = ?, q = ?,"
                + " expires_at = ?, call_id = ?, cseq = ?, transport = ?, source_host = ?, source_port = ?,"
                + " local_host = ?, local_port = ?, updated_at = ?, user_agent = ?, instance_id = ?, reg_id = ?"
                + " WHERE aor = ? AND contact_key = ?")) {
            for (Binding b : bindings) {
                setValues(s, 1, b);
                s.setString(15, b.aor());
                s.setString(16, b.contactKey());
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            List<Binding> missing = new ArrayList<>();
            for (int i = 0; i < bindings.size(); i++) {
                if (counts[i] == 0) {
                    missing.add(bindings.get(i));
                }
            }
            return missing;
        }
    }

    /** A binding's columns after its key (contact_uri .. reg_id, in COLUMNS' order) from {@code first}. */
    private static void setValues(PreparedStatement s, int first, Binding b) throws SQLException {
        s.setString(first, b.contactUri());
        if (b.q().isPresent()) {
            s.setInt(first + 1, b.q().get());
        } else {
            s.setNull(first + 1, Types.INTEGER);
        }
        s.setLong(first + 2, b.expiresAt().toEpochMilli());
        s.setString(first + 3, b.callId());
        s.setLong(first + 4, b.cseq());
        s.setString(first + 5, b.flow().transport());
        s.setString(first + 6, b.flow().sourceHost());
        s.setInt(first + 7, b.flow().sourcePort());
        s.setString(first + 8, b.flow().localHost());
        s.setInt(first + 9, b.flow().localPort());
        s.setLong(first + 10, b.updatedAt().toEpochMilli());
        s.setString(first + 11, b.userAgent().orElse(null));
        if (b.outbound().isPresent()) {
            s.setString(first + 12, b.outbound().get().instance());
            s.setInt(first + 13, b.outbound().get().regId());
        } else {
            s.setNull(first + 12, Types.VARCHAR);
            s.setNull(first + 13, Types.INTEGER);
        }
    }
}
