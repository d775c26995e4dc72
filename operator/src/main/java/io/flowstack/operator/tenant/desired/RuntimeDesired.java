package io.flowstack.operator.tenant.desired;

import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.RuntimePaths;
import io.flowstack.contract.SecretKeys;
import io.flowstack.operator.common.Quantities;
import io.flowstack.operator.common.PodSecurity;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.flowstack.crds.v1alpha1.tenant.RuntimeSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.PodParts;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.Projection;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.StackNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tenant's runtime: Deployment, Service and PodDisruptionBudget. */
public final class RuntimeDesired {
    /** Pod-template annotation holding the checksum of the mounted Secrets; a change rolls the pods. */
    public static final String CHECKSUM_ANNOTATION = "flowstack.io/secrets-checksum";
    private static final long RUNTIME_UID = 10001;
    public static final String DEFINITIONS_DIR = RuntimePaths.DEFINITIONS_DIR;
    public static final String SECRETS_DIR = RuntimePaths.SECRETS_DIR;

    private RuntimeDesired() {
    }

    public static RuntimeSpec spec(Tenant tenant) {
        return tenant.getSpec().runtime == null ? new RuntimeSpec() : tenant.getSpec().runtime;
    }

    /**
     * The replicas the operator holds the Deployment at: 0 while suspended by scaling to zero, at most one while in
     * maintenance mode, else spec.runtime.replicas; null when that is unset, so the apply leaves the field to whoever
     * scales the Deployment (an HPA, kubectl scale; the API server's default of one at creation).
     */
    public static Integer replicas(Tenant tenant) {
        RuntimeSpec runtime = spec(tenant);
        if (Boolean.TRUE.equals(runtime.suspend)) {
            return runtime.suspendMode == RuntimeSpec.SuspendMode.Maintenance
                    ? Math.min(1, runtime.replicas == null ? 1 : runtime.replicas) : 0;
        }
        return runtime.replicas;
    }

    public static String image(Tenant tenant, OperatorSettings settings) {
        return settings.runtimeImageOf(tenant);
    }

    /** The image's tag (or digest) as the version shown in status. */
    public static String version(Tenant tenant, OperatorSettings settings) {
        String image = image(tenant, settings);
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    }

    /**
     * The Deployment, mounting the definitions ConfigMaps (all shards, each optional: the template does not change as
     * workflows come and go) and exactly the Secret keys the projected Integrations read, as
     * {@code <secret>/<key>} under {@link #SECRETS_DIR}. A new Secret key changes the template and rolls the pods;
     * new values of mounted keys reach them without a restart.
     */
    public static Deployment deployment(Tenant tenant, OperatorSettings settings, String secretsChecksum,
                                        List<Projection.CredentialFile> credentials) {
        RuntimeSpec runtime = spec(tenant);
        boolean maintenance = Boolean.TRUE.equals(runtime.suspend)
                && runtime.suspendMode == RuntimeSpec.SuspendMode.Maintenance;
        Container container = new Container();
        container.setName("runtime");
        container.setImage(image(tenant, settings));
        container.setPorts(new ArrayList<>(List.of(PodParts.port("http", StackNames.RUNTIME_PORT))));
        container.setEnv(environment(tenant, runtime, maintenance));
        container.setResources(runtime.resources == null ? PodParts.resources(null, null)
                : PodParts.resources(Quantities.map(runtime.resources.requests),
                        Quantities.map(runtime.resources.limits)));
        container.setSecurityContext(PodSecurity.container());
        container.setStartupProbe(PodParts.httpProbe(RuntimePaths.HEALTH_STARTED, "http", 2, 3, 60));
        container.setReadinessProbe(PodParts.httpProbe(RuntimePaths.HEALTH_READY, "http", 5, 3, 3));
        container.setLivenessProbe(PodParts.httpProbe(RuntimePaths.HEALTH_LIVE, "http", 10, 3, 3));
        container.setVolumeMounts(mounts(credentials));
        PodSpec pod = new PodSpec();
        pod.setServiceAccountName(StackNames.RUNTIME_SERVICE_ACCOUNT);
        pod.setAutomountServiceAccountToken(false);
        pod.setEnableServiceLinks(false);
        pod.setSecurityContext(PodSecurity.pod(RUNTIME_UID));
        pod.setContainers(new ArrayList<>(List.of(container)));
        pod.setVolumes(volumes(credentials));
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(new ObjectMeta());
        template.getMetadata().setLabels(Labels.of(tenant, Labels.COMPONENT_RUNTIME));
        template.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(CHECKSUM_ANNOTATION, secretsChecksum)));
        template.setSpec(pod);
        RollingUpdateDeployment rollingUpdate = new RollingUpdateDeployment();
        rollingUpdate.setMaxSurge(new IntOrString(1));
        rollingUpdate.setMaxUnavailable(new IntOrString(0));
        DeploymentStrategy strategy = new DeploymentStrategy();
        strategy.setType("RollingUpdate");
        strategy.setRollingUpdate(rollingUpdate);
        DeploymentSpec spec = new DeploymentSpec();
        spec.setReplicas(replicas(tenant));
        spec.setSelector(PodParts.selector(Labels.selector(tenant, Labels.COMPONENT_RUNTIME)));
        spec.setStrategy(strategy);
        spec.setTemplate(template);
        Deployment deployment = new Deployment();
        deployment.setMetadata(ObjectMetas.of(tenant, StackNames.RUNTIME, Labels.COMPONENT_RUNTIME));
        deployment.setSpec(spec);
        return deployment;
    }

    /** The runtime's environment: the contract's variables (see {@link RuntimeEnvironment}), then spec.runtime.env. */
    private static List<EnvVar> environment(Tenant tenant, RuntimeSpec runtime, boolean maintenance) {
        List<EnvVar> env = new ArrayList<>();
        env.add(PodParts.value(RuntimeEnvironment.TENANT, tenant.getMetadata().getName()));
        env.add(PodParts.value(RuntimeEnvironment.MAINTENANCE, Boolean.toString(maintenance)));
        env.add(PodParts.value(RuntimeEnvironment.DEFINITIONS_DIR, DEFINITIONS_DIR));
        env.add(PodParts.value(RuntimeEnvironment.SECRETS_DIR, SECRETS_DIR));
        for (String key : SecretKeys.DATABASE_KEYS) {
            env.add(PodParts.fromSecret(RuntimeEnvironment.forDatabaseKey(key), StackNames.DATABASE_SECRET, key, null));
        }
        env.add(PodParts.fromSecret(RuntimeEnvironment.ENCRYPTION_KEY, StackNames.KEYS_SECRET,
                SecretKeys.ENCRYPTION_KEY, null));
        env.add(PodParts.fromSecret(RuntimeEnvironment.ENCRYPTION_KEY_PREVIOUS, StackNames.KEYS_SECRET,
                SecretKeys.PREVIOUS_ENCRYPTION_KEY, true));
        env.add(PodParts.fromSecret(RuntimeEnvironment.WEBHOOK_SIGNING_KEY, StackNames.KEYS_SECRET,
                SecretKeys.WEBHOOK_SIGNING_KEY, null));
        env.add(PodParts.fromSecret(RuntimeEnvironment.API_TOKEN, StackNames.KEYS_SECRET, SecretKeys.API_TOKEN, null));
        for (io.flowstack.crds.v1alpha1.common.EnvVar extra : runtime.env) {
            env.add(extra.secretKeyRef != null
                    ? PodParts.fromSecret(extra.name, extra.secretKeyRef.name, extra.secretKeyRef.key, null)
                    : PodParts.value(extra.name, extra.value));
        }
        return env;
    }

    private static List<VolumeMount> mounts(List<Projection.CredentialFile> credentials) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(PodParts.mount("tmp", "/tmp", null));
        mounts.add(PodParts.mount("definitions", DEFINITIONS_DIR, true));
        if (!credentials.isEmpty()) {
            mounts.add(PodParts.mount("credentials", SECRETS_DIR, true));
        }
        return mounts;
    }

    private static List<Volume> volumes(List<Projection.CredentialFile> credentials) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(PodParts.emptyDir("tmp"));
        List<VolumeProjection> shards = new ArrayList<>();
        for (String shard : DefinitionShards.names()) {
            shards.add(PodParts.optionalConfigMap(shard));
        }
        volumes.add(PodParts.projected("definitions", 0444, shards));
        if (!credentials.isEmpty()) {
            Map<String, List<KeyToPath>> bySecret = new TreeMap<>();
            for (Projection.CredentialFile file : credentials) {
                bySecret.computeIfAbsent(file.secret(), s -> new ArrayList<>())
                        .add(new KeyToPath(file.key(), null, file.secret() + "/" + file.key()));
            }
            List<VolumeProjection> secrets = new ArrayList<>();
            // optional: a missing Secret or key is reported on the Integration (SecretReady), it must not stop the pod
            bySecret.forEach((secret, items) -> secrets.add(PodParts.optionalSecret(secret, items)));
            volumes.add(PodParts.projected("credentials", 0440, secrets));
        }
        return volumes;
    }

    public static Service service(Tenant tenant) {
        return new ServiceBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.RUNTIME, Labels.COMPONENT_RUNTIME))
                .withNewSpec()
                .withSelector(Labels.selector(tenant, Labels.COMPONENT_RUNTIME))
                .addNewPort().withName("http").withPort(StackNames.RUNTIME_PORT)
                .withTargetPort(new IntOrString("http")).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    /** At most one runtime pod down at a time through voluntary disruptions (drains); never blocks a drain outright. */
    public static PodDisruptionBudget podDisruptionBudget(Tenant tenant) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.RUNTIME, Labels.COMPONENT_RUNTIME))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(Labels.selector(tenant, Labels.COMPONENT_RUNTIME)).endSelector()
                .endSpec()
                .build();
    }
}
