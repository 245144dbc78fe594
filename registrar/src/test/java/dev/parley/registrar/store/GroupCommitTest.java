package dev.parley.registrar.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit against a real embedded H2 file: shared commits, durability, isolation of failures. */
class GroupCommitTest {
    @TempDir
    Path data;

    private static Database.Work<Integer> insertSecret(String name) {
        return c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO parley_secret (name, secret) VALUES (?, 'x')")) {
                s.setString(1, name);
                return s.executeUpdate();
            }
        };
    }

    private static int count(Database db) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM parley_secret WHERE secret = 'x'");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void concurrentWorkIsCommittedAndSurvivesAReopen() throws Exception {
        int callers = 16;
        int each = 50;
        try (Database db = Database.open(Database.embeddedUrl(data), 4)) {
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                int caller = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        assertThat(db.groupTransaction(insertSecret("s-" + caller + "-" + i)))
                                .isEqualTo(1);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(db.groupUnits()).isEqualTo(callers * each);
            assertThat(db.groupCommits())
                    .as("sixteen callers at once share commits")
                    .isBetween(1L, (long) callers * each - 1);
        }
        try (Database reopened = Database.open(Database.embeddedUrl(data), 1)) {
            assertThat(count(reopened)).isEqualTo(callers * each);
        }
    }

    @Test
    void aFailingUnitFailsOnlyItsOwnCaller() throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            db.groupTransaction(insertSecret("taken"));
            int callers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                // Every other caller inserts the name that is already there: a primary-key violation.
                String name = t % 2 == 0 ? "taken" : "fresh-" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        return db.groupTransaction(insertSecret(name));
                    } catch (StoreException e) {
                        return -1;
                    }
                }));
            }
            start.countDown();
            int ok = 0;
            int failed = 0;
            for (Future<Integer> f : done) {
                if (f.get(30, TimeUnit.SECONDS) == 1) {
                    ok++;
                } else {
                    failed++;
                }
            }
            pool.shutdown();
            assertThat(ok).isEqualTo(4);
            assertThat(failed).isEqualTo(4);
            assertThat(count(db)).isEqualTo(1 + 4);
        }
    }
}
