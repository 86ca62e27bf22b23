package io.sigmacode.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class QueryArchitectureTest {

    private final JavaClasses query = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sigmacode.query");

    @Test
    void querySideUsesNoCommandSideType() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.sigmacode.command..").check(query);
    }

    @Test
    void querySideNeverSendsCommands() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.axonframework.commandhandling.gateway.CommandGateway").check(query);
    }
}
