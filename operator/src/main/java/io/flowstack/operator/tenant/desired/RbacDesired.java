package io.flowstack.operator.tenant.desired;

import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.flowstack.crds.v1alpha1.tenant.Owner;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.StackNames;

/** The runtime's ServiceAccount (no API access, no token mounted) and the owners' admin binding. */
public final class RbacDesired {
    private RbacDesired() {
    }

    public static ServiceAccount runtimeServiceAccount(Tenant tenant) {
        return new ServiceAccountBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.RUNTIME_SERVICE_ACCOUNT, Labels.COMPONENT_RUNTIME))
                .withAutomountServiceAccountToken(false)
                .build();
    }

    /** Binds the owners to the built-in admin ClusterRole, within the tenant namespace only. */
    public static RoleBinding ownersBinding(Tenant tenant) {
        return new RoleBindingBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.OWNERS_BINDING, Labels.COMPONENT_TENANT))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("admin")
                .endRoleRef()
                .withSubjects(tenant.getSpec().owners.stream().map(RbacDesired::subject).toList())
                .build();
    }

    private static Subject subject(Owner owner) {
        SubjectBuilder subject = new SubjectBuilder().withKind(owner.kind.name()).withName(owner.name);
        if (owner.kind == Owner.SubjectKind.ServiceAccount) {
            subject.withNamespace(owner.namespace);
        } else {
            subject.withApiGroup("rbac.authorization.k8s.io");
        }
        return subject.build();
    }
}
