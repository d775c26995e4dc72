package io.flowstack.operator.tenant.desired;

import io.flowstack.operator.common.Quantities;
import io.flowstack.operator.common.PodSecurity;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.ManagedDatabase;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.PodParts;
import io.flowstack.operator.common.StackNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** The size of the database's volume the spec asks for (5Gi when it names none). */
    public static Quantity storage(Tenant tenant) {
        ManagedDatabase managed = tenant.getSpec().database.managed;
        return managed == null || managed.storage == null ? new Quantity("5Gi") : Quantities.canonical(managed.storage);
    }

    public static StatefulSet statefulSet(Tenant tenant, OperatorSettings settings) {
        ManagedDatabase managed = tenant.getSpec().database.managed == null ? new ManagedDatabase()
                : tenant.getSpec().database.managed;
        String version = managed.version == null ? "17" : managed.version;
        Container container = new Container();
        container.setName("postgres");
        container.setImage(settings.postgresImage(version));
        container.setPorts(new ArrayList<>(List.of(PodParts.port("postgres", StackNames.DATABASE_PORT))));
        container.setEnv(new ArrayList<>(List.of(secretEnv("POSTGRES_USER", "user"),
                secretEnv("POSTGRES_PASSWORD", "password"), secretEnv("POSTGRES_DB", "database"),
                PodParts.value("PGDATA", DATA_DIR + "/pgdata"))));
        container.setResources(managed.resources == null ? PodParts.resources(null, null)
                : PodParts.resources(Quantities.map(managed.resources.requests), Quantities.map(managed.resources.limits)));
        container.setSecurityContext(PodSecurity.container());
        container.setReadinessProbe(pgIsReady(5, 10));
        container.setLivenessProbe(pgIsReady(30, 20));
        container.setVolumeMounts(new ArrayList<>(List.of(PodParts.mount("data", DATA_DIR, null),
                PodParts.mount("run", "/var/run/postgresql", null), PodParts.mount("tmp", "/tmp", null))));
        PodSpec pod = new PodSpec();
        pod.setAutomountServiceAccountToken(false);
        pod.setEnableServiceLinks(false);
        pod.setSecurityContext(PodSecurity.pod(POSTGRES_UID));
        pod.setContainers(new ArrayList<>(List.of(container)));
        pod.setVolumes(new ArrayList<>(List.of(PodParts.emptyDir("run"), PodParts.emptyDir("tmp"))));
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(new ObjectMeta());
        template.getMetadata().setLabels(Labels.of(tenant, Labels.COMPONENT_DATABASE));
        template.setSpec(pod);
        StatefulSetSpec spec = new StatefulSetSpec();
        spec.setServiceName(StackNames.DATABASE);
        spec.setReplicas(1);
        spec.setSelector(PodParts.selector(Labels.selector(tenant, Labels.COMPONENT_DATABASE)));
        spec.setTemplate(template);
        spec.setVolumeClaimTemplates(new ArrayList<>(List.of(dataClaim(tenant, managed))));
        StatefulSet statefulSet = new StatefulSet();
        statefulSet.setMetadata(ObjectMetas.of(tenant, StackNames.DATABASE, Labels.COMPONENT_DATABASE));
        statefulSet.setSpec(spec);
        return statefulSet;
    }

    private static PersistentVolumeClaim dataClaim(Tenant tenant, ManagedDatabase managed) {
        VolumeResourceRequirements resources = new VolumeResourceRequirements();
        resources.setRequests(new LinkedHashMap<>(Map.of("storage", storage(tenant))));
        PersistentVolumeClaimSpec spec = new PersistentVolumeClaimSpec();
        spec.setAccessModes(new ArrayList<>(List.of("ReadWriteOnce")));
        spec.setResources(resources);
        spec.setStorageClassName(managed.storageClassName);
        PersistentVolumeClaim claim = new PersistentVolumeClaim();
        claim.setMetadata(PodParts.labelled("data", Labels.of(tenant, Labels.COMPONENT_DATABASE)));
        claim.setSpec(spec);
        return claim;
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
        return PodParts.fromSecret(name, StackNames.DATABASE_SECRET, key, null);
    }

    private static Probe pgIsReady(int initialDelay, int period) {
        return PodParts.execProbe(List.of("pg_isready", "-h", "127.0.0.1", "-p",
                Integer.toString(StackNames.DATABASE_PORT)), initialDelay, period, 5);
    }
}
