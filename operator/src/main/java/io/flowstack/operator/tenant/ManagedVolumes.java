package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.tenant.desired.DatabaseDesired;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The size of a Managed database's volume after it was created. A StatefulSet's volume claim templates are
 * immutable, so a larger {@code spec.database.managed.storage} is applied to the volume's claim itself (the storage
 * class must allow expansion; if it does not, the API server's refusal becomes the Tenant's condition), and a smaller
 * one is refused with a condition naming the field: a volume never shrinks. The claim is read only while the spec
 * asks for another size than the template has, so a steady Tenant costs no request.
 */
final class ManagedVolumes {
    private ManagedVolumes() {
    }

    static Optional<TenantProblem> reconcile(Tenant tenant, Optional<StatefulSet> database, KubernetesClient client) {
        DatabaseMode mode = tenant.getSpec().database == null ? null : tenant.getSpec().database.mode;
        if (database.isEmpty() || mode != null && mode != DatabaseMode.Managed) {
            return Optional.empty();
        }
        Quantity wanted = DatabaseDesired.storage(tenant);
        var template = database.get().getSpec().getVolumeClaimTemplates().get(0);
        Quantity created = template.getSpec().getResources().getRequests().get("storage");
        if (bytes(wanted).compareTo(bytes(created)) == 0) {
            return Optional.empty();
        }
        String namespace = tenant.targetNamespace();
        String claimName = template.getMetadata().getName() + "-" + StackNames.DATABASE + "-0";
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
        if (claim == null) {
            return Optional.empty();   // not made yet by the StatefulSet controller: it takes the template's size
        }
        Quantity current = claim.getSpec().getResources().getRequests().get("storage");
        int comparison = bytes(wanted).compareTo(bytes(current));
        if (comparison < 0) {
            return Optional.of(new TenantProblem(TenantReason.StorageShrinkRefused, "spec.database.managed.storage"
                    + " asks for " + wanted + " but the database's volume (claim " + claimName + ") has " + current
                    + ": a volume never shrinks; set it back to " + current + " or more (to move to a smaller volume,"
                    + " restore a backup into a new Tenant)"));
        }
        if (comparison > 0) {
            try {
                client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(claimName)
                                .withNamespace(namespace).endMetadata().withNewSpec().withNewResources()
                                .addToRequests("storage", wanted).endResources().endSpec().build())
                        .fieldManager(OperatorSettings.FIELD_MANAGER).forceConflicts().serverSideApply();
            } catch (KubernetesClientException e) {
                if (e.getCode() < 400 || e.getCode() >= 500) {
                    throw e;
                }
                String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                        : e.getMessage();
                return Optional.of(new TenantProblem(TenantReason.WriteRefused, "the API server refused to expand the"
                        + " database's volume (claim " + claimName + ") to " + wanted + " (spec.database.managed.storage):"
                        + " HTTP " + e.getCode() + " " + why));
            }
        }
        return Optional.empty();
    }

    private static BigDecimal bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }
}
