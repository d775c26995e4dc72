package io.flowstack.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's run command, `./flowstack demo`, as the build runs it: the example workflow succeeds end to end. */
class DemoTest {
    @Test
    void theLeadEnrichmentExampleRunsEndToEnd() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new Demo(root).run();
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(exit).isZero();
        assertThat(output).contains("-> 202").contains(": succeeded")
                .contains("step score: succeeded").contains("step notify: succeeded")
                .contains("POST /slack/chat.postMessage");
    }
}
