package io.sigmacode.firewall;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine is plain Java so that any module (and a future sidecar) can embed it without a framework. */
class FirewallArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sigmacode.firewall");

    @Test
    void engineKnowsNothingOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(engine);
    }

    @Test
    void engineKnowsNothingOfAxon() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.axonframework..").check(engine);
    }

    @Test
    void engineKnowsNothingOfTheApplicationModules() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.sigmacode.command..", "io.sigmacode.query..", "io.sigmacode.gateway..")
                .check(engine);
    }
}
