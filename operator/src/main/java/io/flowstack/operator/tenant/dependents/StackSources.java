package io.flowstack.operator.tenant.dependents;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.definitions.DefinitionsProjector;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a tenant's desired objects are made of that is not one of those objects: the Tenant (its spec by
 * generation, its labels and annotations, its uid for owner references), the provisioned database and the versions of
 * the definitions' sources. The operator's settings are fixed for a process, and the Secrets the builders read are
 * dependents themselves (see {@link SettledStacks}). Equal sources make equal desired objects.
 */
public record StackSources(String uid, Long generation, Map<String, String> labels, Map<String, String> annotations,
                           DatabaseEndpoint database, Optional<String> databasePassword, List<String> definitions) {

    public static StackSources of(Tenant tenant, DatabaseEndpoint database, Optional<String> databasePassword,
                                  DefinitionsProjector.Sources definitions) {
        var metadata = tenant.getMetadata();
        return new StackSources(metadata.getUid(), metadata.getGeneration(), metadata.getLabels(),
                metadata.getAnnotations(), database, databasePassword, definitions.versions());
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "StackSources[uid=" + uid + ", generation=" + generation + ", database=" + database
                + ", password " + (databasePassword.isPresent() ? "given" : "generated") + ", definitions="
                + definitions + "]";
    }
}
