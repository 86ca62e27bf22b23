package io.sigmacode.gateway.demo;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The stand-in ships in the gateway's jar for the demo only: no other code of the gateway may reach it. */
class DemoIsolationTest {

    private final JavaClasses gateway = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sigmacode.gateway");

    @Test
    void onlyTheDemoUsesTheStandIn() {
        noClasses().that().resideOutsideOfPackage("io.sigmacode.gateway.demo..")
                .should().dependOnClassesThat().resideInAPackage("io.sigmacode.standin..")
                .check(gateway);
    }
}
