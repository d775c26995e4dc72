package io.flowstack.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.TestingCluster;
import io.flowstack.operator.testing.TestingOperator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two operator replicas: one holds the Lease and reconciles, the other waits and takes over when it goes. */
class LeaderElectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private static LeaderElectionConfiguration lease(String identity) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration("flowstack-operator")
                .withLeaseNamespace("flowstack-system")
                .withIdentity(identity)
                .withLeaseDuration(Duration.ofSeconds(4))
                .withRenewDeadline(Duration.ofSeconds(3))
                .withRetryPeriod(Duration.ofMillis(500))
                .withExitOnStopLeading(false)
                .build();
    }

    private static TestingOperator replica(TestingCluster cluster, String identity) {
        return new TestingOperator(cluster.client(), OperatorSettings.defaults(), SecretValues.secure(), Clock.systemUTC(),
                TestingOperator.NO_RUNTIME, lease(identity));
    }

    private static String holder(TestingCluster cluster) {
        Lease lease = cluster.client().leases().inNamespace("flowstack-system").withName("flowstack-operator").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    @Test
    void oneReplicaReconcilesAndTheOtherTakesOverWhenItStops() {
        try (TestingCluster cluster = new TestingCluster()) {
            cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flowstack-system")
                    .endMetadata().build()).create();
            TestingOperator first = replica(cluster, "replica-a").start();
            Eventually.within(TIMEOUT, () -> assertThat(holder(cluster)).isEqualTo("replica-a"));
            TestingOperator second = replica(cluster, "replica-b").start();
            try {
                cluster.client().resource(Examples.tenant("acme.yaml")).create();
                Eventually.within(TIMEOUT, () -> assertThat(cluster.client().namespaces().withName("tenant-acme").get())
                        .isNotNull());
                assertThat(first.reconciliations()).isPositive();
                assertThat(second.reconciliations()).as("the standby reconciles nothing").isZero();
                assertThat(holder(cluster)).isEqualTo("replica-a");

                first.close();
                Eventually.within(TIMEOUT, () -> assertThat(holder(cluster)).isEqualTo("replica-b"));
                Tenant globex = Examples.tenant("acme.yaml");
                globex.getMetadata().setName("initech");
                globex.getSpec().namespace = null;
                cluster.client().resource(globex).create();
                Eventually.within(TIMEOUT, () -> assertThat(cluster.client().namespaces().withName("tenant-initech").get())
                        .isNotNull());
                assertThat(second.reconciliations()).isPositive();
            } finally {
                second.close();
            }
        }
    }
}
