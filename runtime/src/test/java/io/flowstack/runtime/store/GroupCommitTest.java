package io.flowstack.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstack.runtime.TestingDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private static final String INSERT = "INSERT INTO group_probe (id, payload) VALUES (?, ?)";
    private static TestingDatabase database;

    @BeforeAll
    static void start() throws SQLException {
        database = new TestingDatabase();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE group_probe (id INT PRIMARY KEY, payload TEXT NOT NULL)");
        }
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE group_probe");
        }
    }

    @Test
    void writesQueuedWhileATransactionRunsShareTheNextOneAndEachIsCommittedOnReturn() throws Exception {
        HeldDataSource held = new HeldDataSource(database.dataSource());
        GroupCommit commits = new GroupCommit(held, 1);
        ExecutorService callers = Executors.newFixedThreadPool(10);
        List<Future<Boolean>> results = new ArrayList<>();
        // the first write's transaction cannot get its connection until nine more writes wait behind it
        results.add(callers.submit(() -> insertAndCheckVisible(commits, 0)));
        held.awaitBlocked();
        for (int i = 1; i < 10; i++) {
            int id = i;
            results.add(callers.submit(() -> insertAndCheckVisible(commits, id)));
        }
        while (commits.queued() < 9) {
            Thread.onSpinWait();
        }
        held.release();
        for (Future<Boolean> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        }
        callers.shutdown();
        assertThat(commits.writes()).isEqualTo(10);
        assertThat(commits.transactions()).isEqualTo(2);   // the first alone, the nine others together
        assertThat(count()).isEqualTo(10);
    }

    @Test
    void aWriteThatFailsInABatchFailsOnlyItsOwnCaller() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO group_probe VALUES (3, 'there before')");
        }
        HeldDataSource held = new HeldDataSource(database.dataSource());
        GroupCommit commits = new GroupCommit(held, 1);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        Future<Integer> first = callers.submit(() -> insert(commits, 100));
        held.awaitBlocked();
        List<Future<Integer>> batch = new ArrayList<>();
        for (int id = 1; id <= 5; id++) {
            int row = id;
            batch.add(callers.submit(() -> insert(commits, row)));   // id 3 violates the primary key
        }
        while (commits.queued() < 5) {
            Thread.onSpinWait();
        }
        held.release();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        for (int id = 1; id <= 5; id++) {
            Future<Integer> result = batch.get(id - 1);
            if (id == 3) {
                assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class)
                        .hasMessageContaining("group_probe_pkey");
            } else {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
        }
        callers.shutdown();
        assertThat(count()).isEqualTo(6);   // 100, 1, 2, 4, 5 and the row that was there before
    }

    private static int insert(GroupCommit commits, int id) throws SQLException {
        return commits.submit(new GroupCommit.Write(INSERT, statement -> {
            statement.setInt(1, id);
            statement.setString(2, "row " + id);
        }));
    }

    /** Inserts a row and, once the call returns, reads it from another connection: committed, not just sent. */
    private static boolean insertAndCheckVisible(GroupCommit commits, int id) throws SQLException {
        assertThat(insert(commits, id)).isEqualTo(1);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM group_probe WHERE id = " + id)) {
            r.next();
            return r.getInt(1) == 1;
        }
    }

    private static int count() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM group_probe")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** A data source whose first connection is handed out only when the test says so. */
    private static final class HeldDataSource implements DataSource {
        private final DataSource delegate;
        private final CountDownLatch blocked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        HeldDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        void awaitBlocked() throws InterruptedException {
            assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (first.getAndSet(false)) {
                blocked.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return delegate.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return delegate.isWrapperFor(type);
        }
    }
}
