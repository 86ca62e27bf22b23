package io.sigmacode.standin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The stand-in plays Dify, so it must not share code with the gateway it stands in front of: a shared type would let
 * a misunderstanding of Dify's wire format pass on both sides unnoticed. Plain Reactor Netty and Jackson, nothing else.
 */
class StandInArchitectureTest {

    private final JavaClasses standIn = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sigmacode.standin");

    @Test
    void knowsNothingOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(standIn);
    }

    @Test
    void knowsNothingOfAxon() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.axonframework..").check(standIn);
    }

    @Test
    void knowsNothingOfTheGateway() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.sigmacode.gateway..").check(standIn);
    }
}
