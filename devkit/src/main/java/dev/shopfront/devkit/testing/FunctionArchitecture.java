package dev.shopfront.devkit.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * STYLE.md's rules for a function module's own classes: handlers reach {@code shared} only through its
 * services, the HTTP adapter and what those speak (schema records, domain failures, the log, the queue's
 * message format), and configuration only through the wiring. A module's {@code ArchitectureTest} takes
 * them with {@code ArchTests.in(FunctionArchitecture.class)} over its own package.
 */
public final class FunctionArchitecture {
    @ArchTest
    public static final ArchRule handlersReachSharedThroughServicesAndTheAdapter = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.shopfront.model..",
                    "dev.shopfront.repository..",
                    "dev.shopfront.queue.sqs..",
                    "dev.shopfront.aws..")
            .because("a handler parses, calls one service method and shapes the response (STYLE.md): storage is the"
                    + " service's business");

    @ArchTest
    public static final ArchRule handlersSeeNoSdk = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon.awssdk..")
            .because("SDK clients are built in one place and DynamoDB is spoken only in shared's repository.dynamodb");

    @ArchTest
    public static final ArchRule onlyHandlersAndTheWiringReadConfig = noClasses()
            .that()
            .haveNameNotMatching(".*(Handler|Wiring)(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.shopfront.config..")
            .because("configuration arrives through the wiring; nothing but handlers and a wiring class depends on"
                    + " config");

    @ArchTest
    public static final ArchRule handlersReadConfigOnlyThroughAWiringClass = noClasses()
            .that()
            .haveNameMatching(".*Handler(\\$.*)?")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.shopfront.config..")
                    .and(not(nameMatching("dev\\.shopfront\\.config\\.Wiring"))))
            .because("a handler's no-argument constructor takes its collaborators from one wiring class (STYLE.md 1)");

    @ArchTest
    public static final ArchRule namesSayTheRole = noClasses()
            .should()
            .haveSimpleNameEndingWith("Utils")
            .orShould()
            .haveSimpleNameEndingWith("Helper")
            .orShould()
            .haveSimpleNameEndingWith("Manager")
            .orShould()
            .haveSimpleNameEndingWith("Impl")
            .because("classes are named for their role (STYLE.md 6)");

    private FunctionArchitecture() {}
}
