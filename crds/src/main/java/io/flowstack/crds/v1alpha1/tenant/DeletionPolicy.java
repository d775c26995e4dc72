package io.flowstack.crds.v1alpha1.tenant;

/** Whether a deleted Tenant takes its data with it. */
public enum DeletionPolicy {
    Delete, Retain
}
