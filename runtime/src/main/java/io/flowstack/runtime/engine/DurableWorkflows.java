package io.flowstack.runtime.engine;

import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.runtime.definitions.Workflows;
import io.flowstack.runtime.store.WorkflowRevisions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revisions by name: what this replica has read from its definitions first, else what any replica stored when it
 * started an execution of it (a revision edited away, or deployed before a restart). Stored revisions never change,
 * so each is read from the database once.
 */
public final class DurableWorkflows implements Workflows {
    private final Workflows deployed;
    private final WorkflowRevisions stored;
    private final Map<String, Workflow> read = new ConcurrentHashMap<>();

    public DurableWorkflows(Workflows deployed, WorkflowRevisions stored) {
        this.deployed = deployed;
        this.stored = stored;
    }

    @Override
    public Optional<Workflow> revision(String name, String revision) {
        Optional<Workflow> local = deployed.revision(name, revision);
        if (local.isPresent()) {
            return local;
        }
        String key = name + "@" + revision;
        Workflow cached = read.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Workflow> found = stored.find(name, revision);
        found.ifPresent(workflow -> read.put(key, workflow));
        return found;
    }
}
