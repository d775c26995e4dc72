package io.flowstack.runtime.store;

import io.flowstack.runtime.crypto.Sealer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Executions and step checkpoints in PostgreSQL, one part per concern over one database: {@link Executions} (start,
 * read, cancel), {@link WorkQueue} (claims, checkpoints), {@link Leases} (renewals, hand-backs),
 * {@link WebhookDeliveries} (replay protection), {@link ExecutionHistory} (unfinished, pruning), {@link ExecutionViews}
 * (API and metrics) and {@link WorkflowRevisions} (the definitions executions began on). Inputs and outputs are
 * sealed before they reach the database; starts, checkpoints and ends share one group commit.
 */
public final class ExecutionStore {
    private final Executions executions;
    private final WorkQueue work;
    private final WebhookDeliveries deliveries;
    private final ExecutionHistory history;
    private final ExecutionViews views;
    private final WorkflowRevisions revisions;
    private final Leases leases;

    public ExecutionStore(DataSource dataSource, Sealer sealer) {
        SealedValues sealed = new SealedValues(sealer);
        GroupCommit commits = new GroupCommit(dataSource, 2);
        this.executions = new Executions(dataSource, sealed, commits);
        this.work = new WorkQueue(dataSource, sealed, commits);
        this.deliveries = new WebhookDeliveries(dataSource);
        this.history = new ExecutionHistory(dataSource);
        this.views = new ExecutionViews(dataSource, sealed);
        this.revisions = new WorkflowRevisions(dataSource);
        this.leases = new Leases(dataSource);
    }

    /** Applies the schema migrations; safe to call from every replica at start. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public Executions executions() {
        return executions;
    }

    public WorkQueue work() {
        return work;
    }

    public WebhookDeliveries deliveries() {
        return deliveries;
    }

    public ExecutionHistory history() {
        return history;
    }

    public Leases leases() {
        return leases;
    }

    public WorkflowRevisions revisions() {
        return revisions;
    }

    public ExecutionViews views() {
        return views;
    }
}
