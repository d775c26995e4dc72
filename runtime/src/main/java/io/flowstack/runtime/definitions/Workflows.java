package io.flowstack.runtime.definitions;

import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.util.Optional;

/** The workflow definitions an engine runs, by name and revision (executions finish on the revision they began on). */
public interface Workflows {
    Optional<Workflow> revision(String name, String revision);
}
