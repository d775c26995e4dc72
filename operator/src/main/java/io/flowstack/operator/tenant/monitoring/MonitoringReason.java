package io.flowstack.operator.tenant.monitoring;

import io.flowstack.operator.common.Reason;

/** Reasons of a Tenant's MonitoringReady condition. */
public enum MonitoringReason implements Reason {
    /** The PrometheusRule and the ServiceMonitor are in place. */
    AlertsInstalled(false),
    /** spec.monitoring.enabled is false: nothing is made, earlier objects are removed. */
    MonitoringDisabled(false),
    /** The cluster does not serve monitoring.coreos.com/v1; the objects appear once it does. */
    PrometheusOperatorNotInstalled(false),
    /** The API server refused a write of the monitoring objects (RBAC, admission). */
    MonitoringRefused(true);

    private final boolean problem;

    MonitoringReason(boolean problem) {
        this.problem = problem;
    }

    @Override
    public boolean problem() {
        return problem;
    }
}
