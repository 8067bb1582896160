package io.securevpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The version check and output parsing of the cfn-lint runner, without running cfn-lint. */
class CfnLintTest {
    @Test
    void acceptsTheMinimumVersionAndNewer() {
        assertNull(CfnLint.versionProblem("cfn-lint 1.51.0\n"));
        assertNull(CfnLint.versionProblem("cfn-lint 1.60.2"));
        assertNull(CfnLint.versionProblem("cfn-lint 2.0.0"));
    }

    @Test
    void failsOnAnOlderVersionNamingWhatToInstall() {
        assertEquals("cfn-lint 1.51 or newer is needed to check the synthesized templates; found 1.50.3: "
                + "install it with: pip install 'cfn-lint>=1.51'", CfnLint.versionProblem("cfn-lint 1.50.3"));
        assertEquals("cfn-lint 1.51 or newer is needed to check the synthesized templates; found 0.87.1: "
                + "install it with: pip install 'cfn-lint>=1.51'", CfnLint.versionProblem("cfn-lint 0.87.1"));
    }

    @Test
    void failsOnOutputThatNamesNoVersion() {
        assertEquals("cfn-lint 1.51 or newer is needed to check the synthesized templates; 'cfn-lint --version' "
                + "printed 'command not found': install it with: pip install 'cfn-lint>=1.51'",
                CfnLint.versionProblem("command not found\n"));
    }

    @Test
    void parsesTheParseableFormat() {
        assertEquals(List.of(
                new CfnLint.Finding("A.template.json", 3365, "E3003", "'FileFormat' is a required property"),
                new CfnLint.Finding("B.template.json", 12, "W3005", "'Role' dependency already enforced")),
                CfnLint.parse("/tmp/out/A.template.json:3365:5:3365:25:E3003:'FileFormat' is a required property\n"
                        + "B.template.json:12:5:12:67:W3005:'Role' dependency already enforced\n"));
    }

    @Test
    void failsOnOutputOfAnotherShape() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CfnLint.parse("Traceback (most recent call last):\n"));
        assertEquals("unexpected cfn-lint output: Traceback (most recent call last):", e.getMessage());
    }
}
