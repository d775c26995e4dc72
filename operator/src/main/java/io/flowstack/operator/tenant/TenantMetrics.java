package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code flowstack_tenants{condition}}: how many Tenants are Ready, Progressing, Degraded or not yet reconciled,
 * counted on scrape from the operator's own cache of Tenants, so it costs nothing between scrapes and survives nothing
 * it should not (no per-tenant state is kept here). {@code flowstack_tenant_stack_reconciles_total{result}}: the
 * reconciles that ran a Tenant's dependents (applied) and those that found its stack settled and had nothing to apply.
 */
public class TenantMetrics {
    public static final String NAME = "flowstack_tenants";
    public static final String STACK_RECONCILES = "flowstack_tenant_stack_reconciles_total";
    private final AtomicReference<IndexedResourceCache<Tenant>> cache = new AtomicReference<>();
    private final Counter applied;
    private final Counter settled;

    public TenantMetrics(MeterRegistry registry) {
        applied = stackReconciles(registry, "applied");
        settled = stackReconciles(registry, "settled");
        for (String condition : new String[] {"Ready", "Progressing", "Degraded", "Unknown"}) {
            Gauge.builder(NAME, this, metrics -> metrics.count(condition))
                    .description("Tenants by the state of their Ready and Degraded conditions")
                    .tag("condition", condition)
                    .register(registry);
        }
    }

    private static Counter stackReconciles(MeterRegistry registry, String result) {
        return Counter.builder(STACK_RECONCILES).tag("result", result)
                .description("Tenant reconciles that ran the stack's dependents (applied) or found it settled")
                .register(registry);
    }

    /** A reconcile ran the Tenant's dependents ({@code applied}) or had nothing to apply ({@code settled}). */
    void stackReconciled(boolean ranDependents) {
        (ranDependents ? applied : settled).increment();
    }

    /** Gives the gauges the cache of Tenants to count; called by the reconciler. */
    public void observe(IndexedResourceCache<Tenant> tenants) {
        cache.compareAndSet(null, tenants);
    }

    double count(String condition) {
        IndexedResourceCache<Tenant> tenants = cache.get();
        if (tenants == null) {
            return 0;
        }
        return tenants.list().filter(t -> condition.equals(stateOf(t))).count();
    }

    static String stateOf(Tenant tenant) {
        if (tenant.getStatus() == null || tenant.getStatus().conditions == null || tenant.getStatus().conditions.isEmpty()) {
            return "Unknown";
        }
        if (Conditions.find(tenant.getStatus().conditions, "Degraded").map(c -> c.status == ConditionStatus.True)
                .orElse(false)) {
            return "Degraded";
        }
        return Conditions.isTrue(tenant.getStatus().conditions, "Ready") ? "Ready" : "Progressing";
    }
}
