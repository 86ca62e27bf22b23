package io.sigmacode.kernel;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class KernelArchitectureTest {

    private final JavaClasses kernel = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sigmacode.kernel");

    @Test
    void kernelKnowsNothingOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(kernel);
    }

    @Test
    void kernelKnowsNothingOfTheOtherModules() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.sigmacode.command..", "io.sigmacode.query..", "io.sigmacode.gateway..")
                .check(kernel);
    }

    @Test
    void messagesAreRecords() {
        classes().that().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Event")
                .or().haveSimpleNameEndingWith("Query").or().haveSimpleNameEndingWith("Response")
                .and().areNotInterfaces()
                .should().beRecords().check(kernel);
    }
}
