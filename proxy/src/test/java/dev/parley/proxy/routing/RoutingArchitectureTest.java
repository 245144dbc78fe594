package dev.parley.proxy.routing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE habit 1: the proxy's decisions are plain classes; jain-sip stays in the sip package. */
@AnalyzeClasses(packages = "dev.parley.proxy.routing", importOptions = ImportOption.DoNotIncludeTests.class)
class RoutingArchitectureTest {
    @ArchTest
    static final ArchRule routingIsPure = noClasses()
            .that()
            .resideInAPackage("dev.parley.proxy.routing..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net..", "javax.sip..", "gov.nist..", "java.util.concurrent..");
}
