package io.sigmacode.gateway.proxy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The proxy is packaged by concern: the pipeline decides (route, key, body, idempotency, pre-check, admission),
 * upstream talks to Dify, settlement records what happened, streaming relays answers; the handlers in the root
 * package put them together. Each concern knows only those before it, so none can grow around another.
 */
class ProxyPackagesTest {

    private static final String PROXY = "io.sigmacode.gateway.proxy";

    private final JavaClasses gateway = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sigmacode.gateway");

    @Test
    void thePipelineKnowsNothingOfWhatComesAfterIt() {
        noClasses().that().resideInAPackage(PROXY + ".pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage(PROXY + ".upstream..", PROXY + ".settlement..",
                        PROXY + ".streaming..", PROXY)
                .check(gateway);
    }

    @Test
    void upstreamOnlyTalksToDify() {
        noClasses().that().resideInAPackage(PROXY + ".upstream..")
                .should().dependOnClassesThat().resideInAnyPackage(PROXY + ".pipeline..", PROXY + ".settlement..",
                        PROXY + ".streaming..", PROXY)
                .check(gateway);
    }

    @Test
    void settlementDoesNotReachIntoRelaysOrHandlers() {
        noClasses().that().resideInAPackage(PROXY + ".settlement..")
                .should().dependOnClassesThat().resideInAnyPackage(PROXY + ".streaming..", PROXY)
                .check(gateway);
    }

    @Test
    void theConcernsFormNoCycle() {
        slices().matching(PROXY + ".(*)..").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void nothingOutsideTheProxyUsesItsInsides() {
        noClasses().that().resideOutsideOfPackage(PROXY + "..")
                .should().dependOnClassesThat().resideInAPackage(PROXY + "..")
                .check(gateway);
    }
}
