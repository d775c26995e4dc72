package io.flowstack.operator.tenant.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.testing.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime's container gets the contract's variables, by their contract names, and no other FLOWSTACK_ ones. */
class RuntimeEnvironmentTest {
    @Test
    void theDeploymentSetsTheContractsVariables() {
        List<String> names = RuntimeDesired.deployment(Examples.tenant("acme.yaml"), OperatorSettings.defaults(), "c",
                List.of()).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .map(EnvVar::getName).filter(n -> n.startsWith(RuntimeEnvironment.PREFIX)).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(RuntimeEnvironment.all()).containsAll(names);
        assertThat(names).as("all but the log format, which defaults to JSON").containsExactlyInAnyOrderElementsOf(
                RuntimeEnvironment.all().stream().filter(n -> !n.equals(RuntimeEnvironment.JSON_LOGS)).toList());
    }
}
