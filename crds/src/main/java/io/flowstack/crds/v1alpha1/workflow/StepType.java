package io.flowstack.crds.v1alpha1.workflow;

/** What a step does; the step's body of the same name holds its settings. */
public enum StepType {
    http, integration, transform, delay, forEach
}
