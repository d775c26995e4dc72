package io.flowstack.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages form no cycle, and their order is: http and definitions at the bottom, the store, the
 * engine above them, integrations above the engine (they implement its IntegrationCalls), the service wiring it all,
 * API and webhooks on top. See docs/architecture.md.
 */
class RuntimeArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flowstack.runtime");
    }

    @Test
    void runtimePackagesHaveNoCycles() {
        slices().matching("io.flowstack.runtime.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineIsBelowIntegrations() {
        noClasses().that().resideInAPackage("io.flowstack.runtime.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowstack.runtime.integrations..",
                        "io.flowstack.runtime.service..", "io.flowstack.runtime.api..", "io.flowstack.runtime.webhook..")
                .check(classes);
    }

    @Test
    void definitionsAreBelowTheEngine() {
        noClasses().that().resideInAPackage("io.flowstack.runtime.definitions..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowstack.runtime.engine..",
                        "io.flowstack.runtime.store..", "io.flowstack.runtime.integrations..",
                        "io.flowstack.runtime.service..")
                .check(classes);
    }

    @Test
    void theStoreKnowsOnlyCrypto() {
        noClasses().that().resideInAPackage("io.flowstack.runtime.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowstack.runtime.engine..",
                        "io.flowstack.runtime.definitions..", "io.flowstack.runtime.integrations..",
                        "io.flowstack.runtime.service..", "io.flowstack.runtime.api..", "io.flowstack.runtime.webhook..")
                .check(classes);
    }

    @Test
    void outboundHttpIsAtTheBottom() {
        noClasses().that().resideInAPackage("io.flowstack.runtime.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowstack.runtime.engine..",
                        "io.flowstack.runtime.definitions..", "io.flowstack.runtime.store..",
                        "io.flowstack.runtime.integrations..", "io.flowstack.runtime.service..",
                        "io.flowstack.runtime.api..", "io.flowstack.runtime.webhook..", "io.flowstack.runtime.metrics..")
                .check(classes);
    }
}
