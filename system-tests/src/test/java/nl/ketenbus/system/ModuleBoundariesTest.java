package nl.ketenbus.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and domain boundaries of the design, checked on the compiled classes of all modules. */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.ketenbus");
    }

    /**
     * Modules, and the packages inside each, depend on each other in one direction only. Inside the
     * command service the unit is the package: the youth's aggregate ({@code subject.domain}) holds its
     * case ({@code casework.domain}), while the casework API ({@code casework}) uses identity, which
     * adapts a port of the aggregate; so {@code casework} and {@code casework.domain} are two floors.
     */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("nl.ketenbus.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("nl.ketenbus.command.(**)").should().beFreeOfCycles().check(classes);
        slices().matching("nl.ketenbus.query.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void sharedEventsDependOnNothingOfOursAndOnNoFramework() {
        noClasses().that().resideInAPackage("nl.ketenbus.events..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "nl.ketenbus.events..", "java..", "com.fasterxml.jackson.annotation..")
                .check(classes);
    }

    @Test
    void queryServiceNeverDependsOnCommandService() {
        noClasses().that().resideInAPackage("nl.ketenbus.query..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.ketenbus.command..", "org.axonframework..")
                .check(classes);
    }

    @Test
    void commandServiceNeverDependsOnQueryService() {
        noClasses().that().resideInAPackage("nl.ketenbus.command..")
                .should().dependOnClassesThat().resideInAPackage("nl.ketenbus.query..")
                .check(classes);
    }

    /**
     * The pages are a client of the services over HTTP with the person's own token: they never reach
     * a read model, the covenant engine, the event store, a database or the broker themselves, so a
     * page can never show more than the person's own API call would.
     */
    @Test
    void pagesOnlyCallTheServices() {
        noClasses().that().resideInAPackage("nl.ketenbus.web..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.ketenbus.query..", "nl.ketenbus.command..",
                        "nl.ketenbus.covenant..", "nl.ketenbus.security..", "nl.ketenbus.devinfra..",
                        "org.axonframework..", "org.springframework.jdbc..", "java.sql..",
                        "org.springframework.kafka..", "org.apache.kafka..")
                .check(classes);
        slices().matching("nl.ketenbus.web.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void domainPackagesHaveNoSpringKafkaOrJdbc() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.axonframework.spring..", "org.apache.kafka..",
                        "io.cloudevents..", "java.sql..", "javax.sql..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void theCovenantIsPlainJavaOverTheContracts() {
        noClasses().that().resideInAPackage("nl.ketenbus.covenant..")
                .should().dependOnClassesThat().resideOutsideOfPackages("nl.ketenbus.covenant..", "nl.ketenbus.events..",
                        "java..", "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void sharedServiceSecurityKnowsNeitherService() {
        noClasses().that().resideInAPackage("nl.ketenbus.security..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.ketenbus.command..", "nl.ketenbus.query..")
                .check(classes);
    }

    @Test
    void servicesDoNotUseTheDevelopmentInfrastructure() {
        noClasses().that().resideInAnyPackage("nl.ketenbus.command..", "nl.ketenbus.query..", "nl.ketenbus.events..")
                .should().dependOnClassesThat().resideInAPackage("nl.ketenbus.devinfra..")
                .check(classes);
    }

    /**
     * The partner's import tool runs on the partner's machine: it knows the service only by its HTTP
     * API, and brings nothing but Jackson.
     */
    @Test
    void theImportToolKnowsTheServiceOnlyByItsApi() {
        noClasses().that().resideInAPackage("nl.ketenbus.importtool..")
                .should().dependOnClassesThat().resideOutsideOfPackages("nl.ketenbus.importtool..", "java..",
                        "javax..", "com.fasterxml.jackson..")
                .check(classes);
    }

    /** Subject data is read only through the audited access point (package access), never around it. */
    @Test
    void subjectDataIsReadOnlyThroughTheAccessPoint() {
        noClasses().that().resideOutsideOfPackages("nl.ketenbus.query.audience..", "nl.ketenbus.query.access..")
                .should().dependOnClassesThat().haveFullyQualifiedName("nl.ketenbus.query.audience.AudienceEntries")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("nl.ketenbus.query.audience.AggregateCounts")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("nl.ketenbus.query.audience.AudienceDecisions")
                .check(classes);
    }

    /**
     * Access records are written by the access point only; the log is read by the privacy officer's views, and
     * by the one class of the access point that tells which youths another organisation's privacy officer
     * oversees (ADR 0034): what its people were shown is in the log only.
     */
    @Test
    void theAccessLogIsWrittenOnlyByTheAccessPoint() {
        noClasses().that().resideOutsideOfPackages("nl.ketenbus.query.audit..", "nl.ketenbus.query.access..")
                .should().dependOnClassesThat().haveFullyQualifiedName("nl.ketenbus.query.audit.AccessLog")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("nl.ketenbus.query.audit.ChangeRecords")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("nl.ketenbus.query.audit..", "nl.ketenbus.query.privacy..")
                .and().doNotHaveFullyQualifiedName("nl.ketenbus.query.access.OverseenYouths")
                .should().dependOnClassesThat().haveFullyQualifiedName("nl.ketenbus.query.audit.AccessLogQueries")
                .check(classes);
    }
}
