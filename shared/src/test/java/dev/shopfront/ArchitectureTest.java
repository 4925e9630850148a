package dev.shopfront;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.shopfront.devkit.testing.FunctionArchitecture;

/**
 * The layer table of STYLE.md, checked on shared's classes: each package depends only on the rooms
 * the table allows, so a shortcut (a service reading the environment, a handler-facing type holding an
 * SDK type) fails the build instead of waiting for a reviewer. The function modules check their
 * handlers with devkit's {@code FunctionArchitecture}.
 */
@AnalyzeClasses(
        packages = "dev.shopfront",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.SharedOnly.class})
class ArchitectureTest {
    private static final String DYNAMODB_SDK = "software.amazon.awssdk.services.dynamodb..";
    private static final String DYNAMODB_ENHANCED = "software.amazon.awssdk.enhanced.dynamodb..";
    /** Wiring and its lazy holders: it passes the container's one DynamoDB client to the repositories. */
    private static final String WIRING = "dev\\.shopfront\\.config\\.Wiring(\\$.*)?";

    @ArchTest
    static final ArchRule schemaDependsOnNothingOfOurs = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.schema..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("dev.shopfront..").and(not(resideInAPackage("dev.shopfront.schema.."))))
            .because("request and response records are the contract's shapes, nothing else (STYLE.md: schema may depend"
                    + " on nothing)");

    @ArchTest
    static final ArchRule modelDependsOnNothingOfOurs = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.model..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("dev.shopfront..").and(not(resideInAPackage("dev.shopfront.model.."))))
            .because("stored records know nothing of how they are stored or served (STYLE.md: model may depend on"
                    + " nothing)");

    @ArchTest
    static final ArchRule modelSeesNoSdk = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
            .because("table schemas live in repository.dynamodb, not on the records");

    @ArchTest
    static final ArchRule serviceSeesNoSdk = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.service..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
            .because("the repository translates SDK failures at the boundary; the service never sees SDK types"
                    + " (STYLE.md 4)");

    @ArchTest
    static final ArchRule serviceDependsOnlyOnRulesBelowIt = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.service..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shopfront.repository.dynamodb..",
                    "dev.shopfront.http..",
                    "dev.shopfront.config..",
                    "dev.shopfront.queue..",
                    "dev.shopfront.aws..")
            .because("services depend on schema, model and repository interfaces only (STYLE.md)");

    @ArchTest
    static final ArchRule repositoryInterfacesSeeOnlyTheModel = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.repository")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shopfront.repository.dynamodb..",
                    "dev.shopfront.service..",
                    "dev.shopfront.schema..",
                    "dev.shopfront.http..",
                    "dev.shopfront.config..",
                    "software.amazon.awssdk..")
            .because("a repository interface speaks in stored records, whatever stores them");

    @ArchTest
    static final ArchRule repositoriesDependOnNothingAboveThem = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.repository.dynamodb..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shopfront.service..",
                    "dev.shopfront.schema..",
                    "dev.shopfront.http..",
                    "dev.shopfront.config..",
                    "dev.shopfront.queue..")
            .because("the db room depends on the model only (STYLE.md)");

    @ArchTest
    static final ArchRule onlyRepositoriesUseTheDynamoDbSdk = noClasses()
            .that()
            .resideOutsideOfPackage("dev.shopfront.repository.dynamodb..")
            .and()
            .haveNameNotMatching(WIRING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DYNAMODB_SDK, DYNAMODB_ENHANCED)
            .because("repository.dynamodb is the one room that speaks DynamoDB; Wiring only hands its client over");

    @ArchTest
    static final ArchRule httpAdapterReachesNoStorage = noClasses()
            .that()
            .resideInAPackage("dev.shopfront.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shopfront.repository..",
                    "dev.shopfront.model..",
                    "dev.shopfront.config..",
                    "software.amazon.awssdk..")
            .because("the adapter parses, validates, maps errors and shapes responses: schema and service exceptions"
                    + " only (STYLE.md)");

    @ArchTest
    static final ArchRule lambdaTypesOnlyInTheHttpAdapter = noClasses()
            .that()
            .resideOutsideOfPackage("dev.shopfront.http..")
            .should()
            .dependOnClassesThat(resideInAnyPackage("com.amazonaws.services.lambda.."))
            .because("shared knows nothing of Lambda event types except inside http/ (STYLE.md)");

    @ArchTest
    static final ArchRule nothingButTheWiringReadsConfig = noClasses()
            .that()
            .resideOutsideOfPackage("dev.shopfront.config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.shopfront.config..")
            .because(
                    "configuration arrives through Wiring: only it and the handlers depend on config (STYLE.md 3, 11)");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("dev.shopfront.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule namesSayTheRole = FunctionArchitecture.namesSayTheRole;

    /** Shared's own classes: devkit's, on the test classpath too, are not shared's to check. */
    static final class SharedOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/dev/shopfront/devkit/");
        }
    }
}
