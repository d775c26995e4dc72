package io.flowstack.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `./flowstack runtime` and `demo`: parsed as every flowstack command, bad input refused in one line. */
class LocalCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Local.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void helpOfEveryCommandExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(run("runtime", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--address").contains("127.0.0.1");
        assertThat(run("demo", "--help")).isZero();
    }

    @Test
    void aPortThatIsNoNumberIsOneLineAndExitTwoNotAStackTrace() {
        assertThat(run("runtime", "--definitions", ".", "--port", "abc")).isEqualTo(2);
        assertThat(errors().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("--port").contains("abc").doesNotContain("Exception"));
        err.reset();
        assertThat(run("runtime", "--definitions", ".", "--port", "70000")).isEqualTo(2);
        assertThat(errors().lines()).singleElement().satisfies(line -> assertThat(line).contains("65535"));
        err.reset();
        assertThat(run("runtime", "--definitions", "/no/such/dir")).isEqualTo(2);
        assertThat(errors().lines()).singleElement().satisfies(line -> assertThat(line).contains("/no/such/dir"));
        err.reset();
        assertThat(run("runtime")).isEqualTo(2);
        assertThat(errors()).contains("--definitions");
        err.reset();
        assertThat(run("frobnicate")).isEqualTo(2);
    }
}
