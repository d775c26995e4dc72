package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.DefinitionsProjector;
import io.flowstack.operator.definitions.Projection;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;

/**
 * The inputs of one reconcile in the cluster: gathered once by the reconciler (settings, the provisioned database,
 * the planned projection) and handed to every dependent through the reconcile context; Secrets are read from the
 * informer's cache when a builder asks, so a dependent that follows the Secrets' dependents sees them as written.
 */
public final class LiveInputs implements StackInputs {
    private static final String CONTEXT_KEY = LiveInputs.class.getName();

    private final Context<Tenant> context;
    private final OperatorSettings settings;
    private final SecretValues secretValues;
    private final DatabaseEndpoint databaseEndpoint;
    private final Optional<String> databasePassword;
    private final DefinitionsProjector.Planned definitions;

    public LiveInputs(Context<Tenant> context, OperatorSettings settings, SecretValues secretValues,
                      DatabaseEndpoint databaseEndpoint, Optional<String> databasePassword,
                      DefinitionsProjector.Planned definitions) {
        this.context = context;
        this.settings = settings;
        this.secretValues = secretValues;
        this.databaseEndpoint = databaseEndpoint;
        this.databasePassword = databasePassword;
        this.definitions = definitions;
    }

    /** Makes these the inputs of the dependents of this reconcile. */
    public void attach() {
        context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, this);
    }

    /** The inputs the reconciler attached to this reconcile. */
    static LiveInputs of(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext().get(CONTEXT_KEY, LiveInputs.class)
                .orElseThrow(() -> new IllegalStateException("the Tenant reconciler attaches LiveInputs first"));
    }

    /** The planned projection, with the ConfigMaps as they are now. */
    DefinitionsProjector.Planned planned() {
        return definitions;
    }

    @Override
    public OperatorSettings settings() {
        return settings;
    }

    @Override
    public SecretValues secretValues() {
        return secretValues;
    }

    @Override
    public DatabaseEndpoint databaseEndpoint() {
        return databaseEndpoint;
    }

    @Override
    public Optional<String> databasePassword() {
        return databasePassword;
    }

    @Override
    public Optional<Secret> currentSecret(Tenant tenant, String name) {
        return Secondaries.find(context, Secret.class, TenantDependentKey.KEYS_SECRET,
                new ResourceID(name, tenant.targetNamespace()));
    }

    @Override
    public Projection.Result definitions() {
        return definitions.projection();
    }

    @Override
    public DefinitionShards.Plan definitionsPlan() {
        return definitions.plan();
    }
}
