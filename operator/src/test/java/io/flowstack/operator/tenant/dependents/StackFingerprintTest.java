package io.flowstack.operator.tenant.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpecBuilder;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fingerprint of a settled stack: equal exactly when what makes the stack is, and never of the password. */
class StackFingerprintTest {
    private static final StackFingerprint FINGERPRINTS = new StackFingerprint("0.1.0 2026-12-05T09:00:00.000Z settings");

    private static StackSources sources() {
        return new StackSources("uid-1", 3L, Map.of("team", "a"), Map.of("note", "x"),
                new DatabaseEndpoint("db.example", 5432, "acme", "acme"), Optional.empty(), List.of("cm-1:7"));
    }

    private static SettledStacks.Applied applied(Long generation) {
        return new SettledStacks.Applied("uid-d", generation, Map.of("app", "runtime"), Map.of(),
                List.of(new OwnerReferenceBuilder().withApiVersion("flowstack.io/v1alpha1").withKind("Tenant")
                        .withName("acme").withUid("uid-1").withController(true).build()), null, null);
    }

    private static SettledStacks.Applied quota(String cpu) {
        return new SettledStacks.Applied("uid-q", null, Map.of(), Map.of(), List.of(), null,
                new ResourceQuotaSpecBuilder().addToHard("requests.cpu", new Quantity(cpu))
                        .addToHard("pods", new Quantity("20")).build());
    }

    private static List<Object> tokens() {
        List<Object> tokens = new ArrayList<>();
        tokens.add("101");
        tokens.add(applied(2L));
        tokens.add(quota("4"));
        tokens.add(null);
        return tokens;
    }

    private static String of(StackSources sources, List<Object> tokens) {
        return FINGERPRINTS.of(sources, tokens);
    }

    @Test
    void theSameInputsMakeTheSameFingerprintInAnyMapOrder() {
        Map<String, String> labels = new HashMap<>();
        labels.put("team", "a");
        StackSources same = new StackSources("uid-1", 3L, labels, new java.util.TreeMap<>(Map.of("note", "x")),
                new DatabaseEndpoint("db.example", 5432, "acme", "acme"), Optional.empty(), List.of("cm-1:7"));

        assertThat(of(same, tokens())).isEqualTo(of(sources(), tokens())).matches("v1:[0-9a-f]{8}:[0-9a-f]{32}");
    }

    static Stream<Arguments> changes() {
        StackSources s = sources();
        return Stream.of(
                Arguments.of("the Tenant's generation", (UnaryOperator<StackSources>) x -> new StackSources(x.uid(), 4L,
                        x.labels(), x.annotations(), x.database(), x.databasePassword(), x.definitions()), null),
                Arguments.of("a Tenant label", (UnaryOperator<StackSources>) x -> new StackSources(x.uid(),
                        x.generation(), Map.of("team", "b"), x.annotations(), x.database(), x.databasePassword(),
                        x.definitions()), null),
                Arguments.of("an annotation moved into the labels", (UnaryOperator<StackSources>) x ->
                        new StackSources(x.uid(), x.generation(), Map.of("team", "a", "note", "x"), Map.of(),
                                x.database(), x.databasePassword(), x.definitions()), null),
                Arguments.of("the database port", (UnaryOperator<StackSources>) x -> new StackSources(x.uid(),
                        x.generation(), x.labels(), x.annotations(), new DatabaseEndpoint("db.example", 5433, "acme",
                        "acme"), x.databasePassword(), x.definitions()), null),
                Arguments.of("a password given instead of kept", (UnaryOperator<StackSources>) x ->
                        new StackSources(x.uid(), x.generation(), x.labels(), x.annotations(), x.database(),
                                Optional.of("czNjcjN0"), x.definitions()), null),
                Arguments.of("a definition's version", (UnaryOperator<StackSources>) x -> new StackSources(x.uid(),
                        x.generation(), x.labels(), x.annotations(), x.database(), x.databasePassword(),
                        List.of("cm-1:8")), null),
                Arguments.of("an object's resource version", null, (UnaryOperator<List<Object>>) t -> set(t, 0, "102")),
                Arguments.of("a Deployment's generation", null, (UnaryOperator<List<Object>>) t -> set(t, 1,
                        applied(3L))),
                Arguments.of("a quota's hard limits", null, (UnaryOperator<List<Object>>) t -> set(t, 2, quota("40"))),
                Arguments.of("an object that appeared", null, (UnaryOperator<List<Object>>) t -> set(t, 3, "7")),
                Arguments.of("an object that is gone", null, (UnaryOperator<List<Object>>) t -> set(t, 0, null)));
    }

    private static List<Object> set(List<Object> tokens, int index, Object token) {
        tokens.set(index, token);
        return tokens;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangeOfWhatMakesTheStackMakesAnotherFingerprint(String change, UnaryOperator<StackSources> sources,
                                                             UnaryOperator<List<Object>> tokens) {
        String changed = of(sources == null ? sources() : sources.apply(sources()),
                tokens == null ? tokens() : tokens.apply(tokens()));

        assertThat(changed).as(change).isNotEqualTo(of(sources(), tokens()));
    }

    @Test
    void anotherBuildOrOtherSettingsMakeAnotherFingerprintThatSaysSo() {
        StackFingerprint upgraded = new StackFingerprint("0.1.0 2026-12-05T09:00:00.001Z settings");
        String theirs = upgraded.of(sources(), tokens());

        assertThat(theirs).isNotEqualTo(of(sources(), tokens()));
        assertThat(FINGERPRINTS.madeHere(theirs)).as("made by another build").isFalse();
        assertThat(FINGERPRINTS.madeHere(of(sources(), set(tokens(), 0, "999")))).as("a stale one of this build")
                .isTrue();
        assertThat(FINGERPRINTS.madeHere(null)).isFalse();
    }

    @Test
    void thePasswordItselfIsNotPartOfIt() {
        // the value is compared with the database Secret instead (SettledStacks): a digest of it would let anyone who
        // reads the Tenant's status test guesses
        StackSources one = new StackSources("uid-1", 3L, Map.of(), Map.of(), new DatabaseEndpoint("h", 1, "d", "u"),
                Optional.of("b25l"), List.of());
        StackSources other = new StackSources("uid-1", 3L, Map.of(), Map.of(), new DatabaseEndpoint("h", 1, "d", "u"),
                Optional.of("dHdv"), List.of());

        assertThat(of(one, tokens())).isEqualTo(of(other, tokens()));
    }
}
