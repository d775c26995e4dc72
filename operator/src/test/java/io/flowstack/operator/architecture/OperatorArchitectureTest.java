package io.flowstack.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's layout as rules: one package per kind (with its reconciler, dependents, builders and status
 * aggregator), shared code in packages that know no kind, and the contract with the runtime knowing nothing of
 * either side. See docs/architecture.md.
 */
class OperatorArchitectureTest {
    /** The packages of the kinds the operator reconciles (a Tenant's monitoring is a part of tenant/). */
    static final List<String> KINDS = List.of("tenant", "workflow", "integration", "backup");
    /** Shared layers: what every kind may use, and which use no kind. */
    static final List<String> SHARED = List.of("common", "definitions", "runtimeapi");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flowstack.operator", "io.flowstack.contract");
    }

    @Test
    void noKindImportsASiblingKind() {
        for (String kind : KINDS) {
            String[] siblings = KINDS.stream().filter(k -> !k.equals(kind)).map(k -> "io.flowstack.operator." + k + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("io.flowstack.operator." + kind + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(siblings)
                    .because("kind " + kind + " shares code through common/, not through another kind's package")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void sharedPackagesImportNoKind() {
        String[] kinds = KINDS.stream().map(k -> "io.flowstack.operator." + k + "..").toArray(String[]::new);
        for (String shared : SHARED) {
            noClasses().that().resideInAPackage("io.flowstack.operator." + shared + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(kinds)
                    .because(shared + "/ is shared by every kind")
                    .check(classes);
        }
    }

    @Test
    void theContractKnowsNeitherSide() {
        noClasses().that().resideInAPackage("io.flowstack.contract..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowstack.operator..", "io.flowstack.runtime..",
                        "io.flowstack.crds..", "io.fabric8..", "io.javaoperatorsdk..")
                .check(classes);
    }

    @Test
    void operatorPackagesHaveNoCycles() {
        slices().matching("io.flowstack.operator.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyKindHasAPackageOfItsOwn() {
        // the kinds that exist today each have their reconciler in their package
        for (String kind : Arrays.asList("tenant", "workflow", "integration", "backup")) {
            com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                    .that().haveSimpleNameEndingWith("Reconciler").and().resideInAPackage("io.flowstack.operator."
                            + kind)
                    .should().haveSimpleNameStartingWith(Character.toUpperCase(kind.charAt(0)) + kind.substring(1))
                    .check(classes);
        }
    }
}
