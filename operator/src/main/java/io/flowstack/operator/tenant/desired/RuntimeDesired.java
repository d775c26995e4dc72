package io.flowstack.operator.tenant.desired;

import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.RuntimePaths;
import io.flowstack.contract.SecretKeys;
import io.flowstack.operator.common.Quantities;
import io.flowstack.operator.common.PodSecurity;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.flowstack.crds.v1alpha1.common.ComputeResources;
import io.flowstack.crds.v1alpha1.tenant.RuntimeSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.Projection;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.StackNames;
import java.util.ArrayList;
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
        List<EnvVar> env = environment(tenant, runtime, maintenance);
        return new DeploymentBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.RUNTIME, Labels.COMPONENT_RUNTIME))
                .withNewSpec()
                .withReplicas(replicas(tenant))
                .withNewSelector().withMatchLabels(Labels.selector(tenant, Labels.COMPONENT_RUNTIME)).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(tenant, Labels.COMPONENT_RUNTIME))
                .addToAnnotations(CHECKSUM_ANNOTATION, secretsChecksum)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(StackNames.RUNTIME_SERVICE_ACCOUNT)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodSecurity.pod(RUNTIME_UID))
                .withContainers(new ContainerBuilder()
                        .withName("runtime")
                        .withImage(image(tenant, settings))
                        .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(StackNames.RUNTIME_PORT)
                                .withProtocol("TCP").build())
                        .withEnv(env)
                        .withResources(resources(runtime.resources))
                        .withSecurityContext(PodSecurity.container())
                        .withStartupProbe(httpProbe(RuntimePaths.HEALTH_STARTED, 2, 60))
                        .withReadinessProbe(httpProbe(RuntimePaths.HEALTH_READY, 5, 3))
                        .withLivenessProbe(httpProbe(RuntimePaths.HEALTH_LIVE, 10, 3))
                        .withVolumeMounts(mounts(credentials))
                        .build())
                .withVolumes(volumes(credentials))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The runtime's environment: the contract's variables (see {@link RuntimeEnvironment}), then spec.runtime.env. */
    private static List<EnvVar> environment(Tenant tenant, RuntimeSpec runtime, boolean maintenance) {
        List<EnvVar> env = new ArrayList<>();
        env.add(value(RuntimeEnvironment.TENANT, tenant.getMetadata().getName()));
        env.add(value(RuntimeEnvironment.MAINTENANCE, Boolean.toString(maintenance)));
        env.add(value(RuntimeEnvironment.DEFINITIONS_DIR, DEFINITIONS_DIR));
        env.add(value(RuntimeEnvironment.SECRETS_DIR, SECRETS_DIR));
        for (String key : SecretKeys.DATABASE_KEYS) {
            env.add(fromSecret(RuntimeEnvironment.forDatabaseKey(key), StackNames.DATABASE_SECRET, key));
        }
        env.add(fromSecret(RuntimeEnvironment.ENCRYPTION_KEY, StackNames.KEYS_SECRET, SecretKeys.ENCRYPTION_KEY));
        env.add(optionalFromSecret(RuntimeEnvironment.ENCRYPTION_KEY_PREVIOUS, StackNames.KEYS_SECRET,
                SecretKeys.PREVIOUS_ENCRYPTION_KEY));
        env.add(fromSecret(RuntimeEnvironment.WEBHOOK_SIGNING_KEY, StackNames.KEYS_SECRET, SecretKeys.WEBHOOK_SIGNING_KEY));
        env.add(fromSecret(RuntimeEnvironment.API_TOKEN, StackNames.KEYS_SECRET, SecretKeys.API_TOKEN));
        for (io.flowstack.crds.v1alpha1.common.EnvVar extra : runtime.env) {
            env.add(extra.secretKeyRef != null ? fromSecret(extra.name, extra.secretKeyRef.name, extra.secretKeyRef.key)
                    : value(extra.name, extra.value));
        }
        return env;
    }

    private static List<VolumeMount> mounts(List<Projection.CredentialFile> credentials) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        mounts.add(new VolumeMountBuilder().withName("definitions").withMountPath(DEFINITIONS_DIR).withReadOnly(true).build());
        if (!credentials.isEmpty()) {
            mounts.add(new VolumeMountBuilder().withName("credentials").withMountPath(SECRETS_DIR).withReadOnly(true)
                    .build());
        }
        return mounts;
    }

    private static List<Volume> volumes(List<Projection.CredentialFile> credentials) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        List<VolumeProjection> shards = new ArrayList<>();
        for (String shard : DefinitionShards.names()) {
            shards.add(new VolumeProjectionBuilder().withNewConfigMap().withName(shard).withOptional(true).endConfigMap()
                    .build());
        }
        volumes.add(new VolumeBuilder().withName("definitions").withNewProjected().withDefaultMode(0444)
                .withSources(shards).endProjected().build());
        if (!credentials.isEmpty()) {
            Map<String, List<KeyToPath>> bySecret = new TreeMap<>();
            for (Projection.CredentialFile file : credentials) {
                bySecret.computeIfAbsent(file.secret(), s -> new ArrayList<>())
                        .add(new KeyToPath(file.key(), null, file.secret() + "/" + file.key()));
            }
            List<VolumeProjection> secrets = new ArrayList<>();
            // optional: a missing Secret or key is reported on the Integration (SecretReady), it must not stop the pod
            bySecret.forEach((secret, items) -> secrets.add(new VolumeProjectionBuilder().withNewSecret()
                    .withName(secret).withItems(items).withOptional(true).endSecret().build()));
            volumes.add(new VolumeBuilder().withName("credentials").withNewProjected().withDefaultMode(0440)
                    .withSources(secrets).endProjected().build());
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

    private static io.fabric8.kubernetes.api.model.ResourceRequirements resources(ComputeResources resources) {
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
        if (resources != null) {
            builder.withRequests(Quantities.map(resources.requests)).withLimits(Quantities.map(resources.limits));
        }
        return builder.build();
    }

    private static Probe httpProbe(String path, int period, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).withScheme("HTTP").endHttpGet()
                .withPeriodSeconds(period)
                .withTimeoutSeconds(3)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
                .endSecretKeyRef().endValueFrom().build();
    }

    private static EnvVar optionalFromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key)
                .withOptional(true).endSecretKeyRef().endValueFrom().build();
    }
}
