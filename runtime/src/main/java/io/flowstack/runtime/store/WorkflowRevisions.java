package io.flowstack.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The definition of every revision executions began on, in the database: any replica, after any restart or rollout,
 * finishes an execution on the revision it began on. A revision is kept while executions refer to it, and for a day
 * after it was last deployed.
 */
public final class WorkflowRevisions {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final DataSource dataSource;

    WorkflowRevisions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a revision's definition (or notes that it is still deployed). */
    public void save(String workflow, String revision, Workflow definition) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO workflow_revisions (workflow, revision, definition) VALUES (?, ?, ?)"
                        + " ON CONFLICT (workflow, revision) DO UPDATE SET last_seen = now()")) {
            insert.setString(1, workflow);
            insert.setString(2, revision);
            insert.setString(3, JSON.writeValueAsString(definition));
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot store revision " + revision + " of workflow " + workflow, e);
        }
    }

    public Optional<Workflow> find(String workflow, String revision) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT definition FROM workflow_revisions WHERE workflow = ? AND revision = ?")) {
            query.setString(1, workflow);
            query.setString(2, revision);
            try (ResultSet r = query.executeQuery()) {
                return r.next() ? Optional.of(JSON.readValue(r.getString(1), Workflow.class)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read revision " + revision + " of workflow " + workflow, e);
        }
    }

    /** Forgets revisions no execution refers to that were last deployed longer ago than {@code unused}. */
    public int prune(Duration unused) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM workflow_revisions r WHERE last_seen < now() - ? * interval '1 second' AND NOT EXISTS"
                        + " (SELECT 1 FROM executions e WHERE e.workflow = r.workflow AND e.revision = r.revision)")) {
            delete.setLong(1, unused.toSeconds());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot prune workflow revisions", e);
        }
    }
}
