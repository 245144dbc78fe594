package dev.parley.ua.control.hip;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The HIP protocol is pure (STYLE habit 1): the edges own the socket, the robot and the window. */
@AnalyzeClasses(packages = "dev.parley.ua.control.hip", importOptions = ImportOption.DoNotIncludeTests.class)
class HipPurityTest {
    @ArchTest
    static final ArchRule NO_IO_SIP_OR_UI = noClasses()
            .that()
            .resideInAPackage("dev.parley.ua.control.hip..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.net..", "java.io..", "javax.sip..", "java.awt..", "javax.swing..")
            .because("the HIP codec and framing are pure; sockets, Robot and Swing sit at the edges");
}
