package io.flowstack.operator.tenant.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's promtool (package prometheus, which .ci/run installs) run on rule files and rule unit tests. */
public final class Promtool {
    private Promtool() {
    }

    /** Writes the rule's groups as a Prometheus rule file. */
    public static Path ruleFile(Path dir, String name, PrometheusRule rule) throws IOException {
        return Files.writeString(dir.resolve(name), Serialization.asYaml(rule.getSpec()));
    }

    /** Runs promtool and asserts it succeeded; returns what it printed. */
    public static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }
}
