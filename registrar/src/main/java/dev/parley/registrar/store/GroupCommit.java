package dev.parley.registrar.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs small units of work that arrive at the same time in one transaction, so that concurrent
 * REGISTERs share one commit (and, on PostgreSQL, one WAL flush) instead of paying one each.
 * {@link #submit}'s future completes only after the commit that holds its work, so a REGISTER
 * answered from it stays durable; callers do not wait on a thread meanwhile, so a batch holds
 * whatever arrived during the previous commit, not just as many units as there are threads. Work runs in arrival order on one writer thread; later work in a batch sees what
 * earlier work wrote. When a batch fails, each of its units runs again alone, so one bad unit
 * fails only its own caller.
 */
final class GroupCommit implements AutoCloseable {
    /**
     * Told, on the writer thread, how each transaction it ran ended, before any of its callers
     * is released: a cache of committed state publishes or drops what the work changed.
     */
    interface Listener {
        void committed();

        void rolledBack();
    }

    private record Pending<T>(Database.Work<T> work, CompletableFuture<T> done) {
        void runAlone(Database db, Listener listener) {
            T result;
            try {
                result = db.transaction(work);
            } catch (StoreException | RuntimeException e) {
                listener.rolledBack();
                done.completeExceptionally(e);
                return;
            }
            listener.committed();
            done.complete(result);
        }
    }

    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void committed() {}

        @Override
        public void rolledBack() {}
    };

    private final Database db;
    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private volatile boolean closed;
    private volatile Listener listener = NO_LISTENER;

    GroupCommit(Database db, int maxBatch) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.writer = new Thread(this::writeLoop, "store-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Sets the one listener for how each transaction ends (see {@link Listener}). */
    void listen(Listener listener) {
        this.listener = listener;
    }

    /**
     * Queues {@code work} for the next batch's transaction; the future completes on the writer
     * thread once that batch committed, with the work's result or its {@link StoreException}.
     */
    <T> CompletableFuture<T> submit(Database.Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new StoreException("the store is closed", new IllegalStateException("closed")));
            return done;
        }
        queue.add(new Pending<>(work, done));
        return done;
    }

    /** Runs {@code work} in the next batch's transaction and returns once that batch committed. */
    <T> T run(Database.Work<T> work) throws StoreException {
        CompletableFuture<T> done = submit(work);
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for the store", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("store work failed: " + cause, cause == null ? e : cause);
        }
    }

    /** Commits so far, and the units of work they held: their ratio is the mean batch size. */
    long commits() {
        return commits.get();
    }

    long units() {
        return units.get();
    }

    private void writeLoop() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // Never lose the writer: fail this batch's callers (they log and answer 500) and
                // go on with the next.
                listener.rolledBack();
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        Pending<?> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new StoreException("the store is closed", new IllegalStateException()));
        }
    }

    private void commit(List<Pending<?>> batch) {
        // Counted before the callers are released, so a caller that reads the counters after
        // its own work returned sees that work counted.
        if (batch.size() == 1) {
            count(1);
            batch.get(0).runAlone(db, listener);
            return;
        }
        List<Object> results;
        try {
            results = db.transaction((Connection c) -> {
                List<Object> out = new ArrayList<>(batch.size());
                for (Pending<?> p : batch) {
                    out.add(p.work().run(c));
                }
                return out;
            });
        } catch (StoreException | RuntimeException e) {
            // Something in the batch failed and the whole transaction rolled back: run each
            // alone, so the others still commit and only the bad one reports its error.
            listener.rolledBack();
            count(batch.size());
            for (Pending<?> p : batch) {
                p.runAlone(db, listener);
            }
            return;
        }
        listener.committed();
        count(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> p, Object result) {
        p.done().complete((T) result);
    }

    private void count(int size) {
        commits.incrementAndGet();
        units.addAndGet(size);
    }

    @Override
    public void close() {
        // No interrupt: H2 closes its file when a thread is interrupted inside it. The writer
        // sees the flag within one poll and finishes what is queued.
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
