package io.flowstack.operator.tenant.desired;

import io.flowstack.operator.common.Quantities;
import io.flowstack.operator.common.PodSecurity;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.ManagedDatabase;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.StackNames;
import java.util.List;
import java.util.Map;

/** The managed PostgreSQL: a one-replica StatefulSet with a data volume, and its headless Service. */
public final class DatabaseDesired {
    private static final long POSTGRES_UID = 999;
    private static final String DATA_DIR = "/var/lib/postgresql/data";

    private DatabaseDesired() {
    }

    /** Whether the tenant's database runs in its namespace (mode Managed, the default). */
    public static boolean isManaged(Tenant tenant) {
        return tenant.getSpec().database == null || tenant.getSpec().database.mode == null
                || tenant.getSpec().database.mode == DatabaseMode.Managed;
    }

    public static StatefulSet statefulSet(Tenant tenant, OperatorSettings settings) {
        ManagedDatabase managed = tenant.getSpec().database.managed == null ? new ManagedDatabase()
                : tenant.getSpec().database.managed;
        String version = managed.version == null ? "17" : managed.version;
        Quantity storage = managed.storage == null ? new Quantity("5Gi") : Quantities.canonical(managed.storage);
        Map<String, String> selector = Labels.selector(tenant, Labels.COMPONENT_DATABASE);
        ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder();
        if (managed.resources != null) {
            resources.withRequests(Quantities.map(managed.resources.requests))
                    .withLimits(Quantities.map(managed.resources.limits));
        }
        PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").withLabels(Labels.of(tenant, Labels.COMPONENT_DATABASE)).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", storage).endResources()
                .withStorageClassName(managed.storageClassName)
                .endSpec();
        return new StatefulSetBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.DATABASE, Labels.COMPONENT_DATABASE))
                .withNewSpec()
                .withServiceName(StackNames.DATABASE)
                .withReplicas(1)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.of(tenant, Labels.COMPONENT_DATABASE)).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodSecurity.pod(POSTGRES_UID))
                .withContainers(new ContainerBuilder()
                        .withName("postgres")
                        .withImage(settings.postgresImage(version))
                        .withPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                                .withName("postgres").withContainerPort(StackNames.DATABASE_PORT).withProtocol("TCP").build()))
                        .withEnv(secretEnv("POSTGRES_USER", "user"), secretEnv("POSTGRES_PASSWORD", "password"),
                                secretEnv("POSTGRES_DB", "database"),
                                new EnvVarBuilder().withName("PGDATA").withValue(DATA_DIR + "/pgdata").build())
                        .withResources(resources.build())
                        .withSecurityContext(PodSecurity.container())
                        .withReadinessProbe(pgIsReady(5, 10))
                        .withLivenessProbe(pgIsReady(30, 20))
                        .addNewVolumeMount().withName("data").withMountPath(DATA_DIR).endVolumeMount()
                        .addNewVolumeMount().withName("run").withMountPath("/var/run/postgresql").endVolumeMount()
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                        .build())
                .addNewVolume().withName("run").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(claim.build())
                .endSpec()
                .build();
    }

    public static Service service(Tenant tenant) {
        return new ServiceBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.DATABASE, Labels.COMPONENT_DATABASE))
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(Labels.selector(tenant, Labels.COMPONENT_DATABASE))
                .addNewPort().withName("postgres").withPort(StackNames.DATABASE_PORT)
                .withTargetPort(new IntOrString(StackNames.DATABASE_PORT)).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    private static EnvVar secretEnv(String name, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(StackNames.DATABASE_SECRET).withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static Probe pgIsReady(int initialDelay, int period) {
        return new ProbeBuilder()
                .withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-p", Integer.toString(StackNames.DATABASE_PORT))
                .endExec()
                .withInitialDelaySeconds(initialDelay)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(5)
                .build();
    }
}
