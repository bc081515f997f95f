package org.llmbench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The data flow of docs/ARCHITECTURE.md, enforced: each package is its own slice (so engine and
 * engine.jvm may not lean on each other both ways), readers of results never reach the engine,
 * and kernels never know they are being benchmarked.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.llmbench");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.llmbench.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void kernelsAndModelsKnowNothingOfJmh() {
        noClasses().that().resideInAnyPackage("org.llmbench.engine..", "org.llmbench.quant..", "org.llmbench.gemm..",
                        "org.llmbench.runtime..", "org.llmbench.weights..", "org.llmbench.model..", "org.llmbench.telemetry..")
                .should().dependOnClassesThat().resideInAPackage("org.openjdk.jmh..").check(classes);
    }

    @Test
    void gemmDoesNotBorrowFromTheEngine() {
        noClasses().that().resideInAPackage("org.llmbench.gemm..")
                .should().dependOnClassesThat().resideInAnyPackage("org.llmbench.engine..", "org.llmbench.workload..")
                .check(classes);
    }

    @Test
    void lowerLayersNeverReachUp() {
        noClasses().that().resideInAnyPackage("org.llmbench.model..", "org.llmbench.quant..", "org.llmbench.runtime..",
                        "org.llmbench.telemetry..", "org.llmbench.io..")
                .should().dependOnClassesThat().resideInAnyPackage("org.llmbench.engine..", "org.llmbench.weights..",
                        "org.llmbench.workload..", "org.llmbench.cli..", "org.llmbench.report..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("org.llmbench.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.llmbench.cli..").check(classes);
    }

    @Test
    void theMonitorReadsOnlyThroughTelemetry() {
        classes().that().resideInAPackage("org.llmbench.monitor..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.llmbench.monitor..", "org.llmbench.telemetry..",
                        "org.llmbench", "java..", "org.jline..")
                .check(classes);
    }

    @Test
    void resultsAreALeafAndTheirReadersNeverReachTheEngine() {
        classes().that().resideInAPackage("org.llmbench.results..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.llmbench.results..", "org.llmbench.io..", "org.llmbench",
                        "java..", "com.google.gson..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.llmbench.report..", "org.llmbench.endpoint..")
                .should().dependOnClassesThat().resideInAnyPackage("org.llmbench.model..", "org.llmbench.weights..", "org.llmbench.quant..",
                        "org.llmbench.engine..", "org.llmbench.workload..", "org.llmbench.gemm..", "org.llmbench.runtime..",
                        "org.llmbench.serve..", "org.llmbench.tokenizer..")
                .check(classes);
        noClasses().that().resideInAPackage("org.llmbench.report..")
                .should().dependOnClassesThat().resideInAPackage("org.llmbench.endpoint..").check(classes);
        noClasses().that().resideInAPackage("org.llmbench.endpoint..")
                .should().dependOnClassesThat().resideInAnyPackage("org.llmbench.report..", "org.llmbench.telemetry..").check(classes);
    }
}
