package dev.parley.registrar.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of JDBC connections to one database URL. A connection that saw an error is closed
 * instead of returned, and a new one is opened on the next borrow.
 */
final class ConnectionPool implements AutoCloseable {
    private final String url;
    private final BlockingQueue<Connection> idle;
    private final java.util.concurrent.Semaphore permits;

    ConnectionPool(String url, int size) {
        this.url = url;
        this.idle = new ArrayBlockingQueue<>(size);
        this.permits = new java.util.concurrent.Semaphore(size);
    }

    /** A connection with auto-commit off; give it back with {@link #release}. */
    Connection borrow() throws SQLException {
        try {
            if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for a database connection", e);
        }
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        try {
            c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection; {@code broken} ones are closed. */
    void release(Connection c, boolean broken) {
        try {
            if (broken) {
                closeQuietly(c);
            } else if (!idle.offer(c)) {
                closeQuietly(c);
            }
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.rollback();
            c.close();
        } catch (SQLException e) {
            // The connection is being dropped; there is nothing left to do with it.
        }
    }
}
