package io.flowstack.contract.api;

import java.util.List;

/** GET /api/workflows: every deployed workflow, and what is wrong in the definitions directory. */
public record WorkflowsReport(List<WorkflowState> workflows, List<DefinitionProblem> problems) {
}
