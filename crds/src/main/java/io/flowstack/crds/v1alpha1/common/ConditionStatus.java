package io.flowstack.crds.v1alpha1.common;

/** The status of a condition, as Kubernetes spells it. */
public enum ConditionStatus {
    True, False, Unknown
}
