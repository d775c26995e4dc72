package io.flowstack.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.contract.RuntimeEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The runtime reads the variables of the contract, and no FLOWSTACK_ variable outside it. */
class RuntimeEnvironmentContractTest {
    @Test
    void theRuntimesConfigurationReadsEveryVariableOfTheContract() throws IOException {
        String properties;
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{(FLOWSTACK_[A-Z_]+)").matcher(properties);
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(RuntimeEnvironment.all()).as("read by the runtime's configuration").containsAll(read);
        Set<String> unread = new TreeSet<>(RuntimeEnvironment.all());
        unread.removeAll(read);
        assertThat(unread).as("contract variables the runtime does not read").isEmpty();
    }
}
