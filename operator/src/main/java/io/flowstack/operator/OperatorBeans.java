package io.flowstack.operator;

import io.flowstack.operator.backup.BackupMetrics;
import io.flowstack.operator.common.TenantRelay;
import io.flowstack.operator.tenant.monitoring.MonitoringApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flowstack.operator.common.ClientSerialization;
import io.flowstack.operator.common.OperatorSettings;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.kubernetes.client.KubernetesResources;
import io.flowstack.operator.tenant.TenantMetrics;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.runtimeapi.RuntimeApiSettings;
import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import io.flowstack.operator.common.WatchedNamespaces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's collaborators in the Quarkus application; tests construct the same objects directly. */
@ApplicationScoped
public class OperatorBeans {

    @Produces
    @Singleton
    OperatorSettings settings(
            @ConfigProperty(name = "flowstack.operator.namespace", defaultValue = "flowstack-system") String operatorNamespace,
            @ConfigProperty(name = "flowstack.monitoring.namespace", defaultValue = "monitoring") String monitoringNamespace,
            @ConfigProperty(name = "flowstack.runtime.image-repository", defaultValue = "ghcr.io/flowstack/runtime")
            String runtimeRepository,
            @ConfigProperty(name = "flowstack.runtime.default-version", defaultValue = "0.1.0") String runtimeVersion,
            @ConfigProperty(name = "flowstack.postgres.image-repository", defaultValue = "docker.io/library/postgres")
            String postgresRepository,
            @ConfigProperty(name = "flowstack.watch-namespaces") Optional<List<String>> watchNamespaces) {
        return new OperatorSettings(operatorNamespace, monitoringNamespace, runtimeRepository, runtimeVersion,
                postgresRepository, WatchedNamespaces.of(watchNamespaces.orElse(List.of())));
    }

    @Produces
    @Singleton
    RuntimeApi runtimeApi(
            @ConfigProperty(name = "flowstack.runtime.api-url", defaultValue = "http://flowstack-runtime.{namespace}.svc:8080")
            String urlTemplate,
            @ConfigProperty(name = "flowstack.runtime.status-interval", defaultValue = "30s") Duration statusInterval,
            @ConfigProperty(name = "flowstack.runtime.connected-interval", defaultValue = "10m") Duration connectedInterval) {
        return new RuntimeApi(new RuntimeApiSettings(urlTemplate, statusInterval, connectedInterval,
                Duration.ofSeconds(15)));
    }

    /** The Tenant controller's Tenants, lent to the namespaced kinds' controllers: one per operator. */
    @Produces
    @Singleton
    TenantRelay tenantRelay() {
        return new TenantRelay();
    }

    @Produces
    @Singleton
    MonitoringApi monitoringApi(
            @ConfigProperty(name = "flowstack.monitoring.check-interval", defaultValue = "60s") Duration interval) {
        return new MonitoringApi(interval);
    }

    /**
     * The Kubernetes client's serialization: fabric8's, with cheaper copies ({@link ClientSerialization}), made as
     * Quarkus makes its default one (which this replaces) from the client's mapper and the application's kinds, and
     * knowing every kind of fabric8's model and the operator's own kinds.
     */
    @Produces
    @Singleton
    @SuppressWarnings({"rawtypes", "unchecked"})
    KubernetesSerialization kubernetesSerialization(@KubernetesClientObjectMapper ObjectMapper mapper,
                                                    @KubernetesResources Class[] kubernetesResources) {
        ClientSerialization serialization = new ClientSerialization(mapper);
        for (Class kind : kubernetesResources) {
            serialization.registerKubernetesResource(kind);
        }
        // Quarkus' list holds none of them: without, every Tenant event was read as a generic resource, then converted
        // (and so was every Deployment, Secret, ... event until ClientSerialization searched the class path for the model)
        return serialization.registerOperatorKinds();
    }

    @Produces
    @Singleton
    SecretValues secretValues() {
        return SecretValues.secure();
    }

    @Produces
    @Singleton
    BackupMetrics backupMetrics(MeterRegistry registry) {
        return new BackupMetrics(registry);
    }

    @Produces
    @Singleton
    TenantMetrics tenantMetrics(MeterRegistry registry) {
        return new TenantMetrics(registry);
    }

    /**
     * One active operator at a time: replicas compete for the Lease {@code flowstack-operator} in the operator's
     * namespace, and only its holder reconciles. Standbys take over when the holder stops renewing it.
     */
    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "flowstack.operator.lease-name", defaultValue = "flowstack-operator") String leaseName) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName).build();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
