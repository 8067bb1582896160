package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a baseline findings file: its expected structure, and a coded error naming the file otherwise. */
class BaselineTest {
    private static final String EXPECTED = "a JSON object with a \"findings\" list of {\"rule\": \"<rule id>\", "
            + "\"path\": \"<construct path>\"} (the compliance-report.json the gate writes)";

    @TempDir
    Path dir;

    private static String problem(final Path file, final String detail) {
        return "Invalid configuration of the compliance gate (1 problem):\n  - [SVPC-023] baseline = " + file + ": "
                + EXPECTED + detail;
    }

    private BlueprintValidationException fails(final Path file) {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> Baseline.read(file));
        assertEquals(List.of(ErrorCode.GATE_FILE), e.getCodes());
        return e;
    }

    @Test
    void readsTheFindingsOfAReport() throws IOException {
        Path file = Files.writeString(dir.resolve("baseline.json"),
                "{\"packs\": [], \"findings\": [{\"pack\": \"AwsSolutions\", \"rule\": \"AwsSolutions-EC23\", "
                        + "\"path\": \"App/Sg/Resource\"}]}");
        Baseline baseline = Baseline.read(file);
        assertEquals(1, baseline.size());
        assertTrue(baseline.contains("AwsSolutions-EC23", "App/Sg/Resource"));
    }

    @Test
    void readsAnEmptyFindingsListAsAnEmptyBaseline() throws IOException {
        assertEquals(0, Baseline.read(Files.writeString(dir.resolve("b.json"), "{\"findings\": []}")).size());
    }

    @Test
    void failsAMissingFileWithItsPath() {
        Path file = dir.resolve("compliance-baseline.json");
        BlueprintValidationException e = fails(file);
        assertEquals("Invalid configuration of the compliance gate (1 problem):\n  - [SVPC-023] baseline = " + file
                + ": an existing findings file: " + EXPECTED + "; none at " + file.toAbsolutePath(), e.getMessage());
    }

    @Test
    void failsAFileThatIsNotJson() throws IOException {
        Path file = Files.writeString(dir.resolve("b.json"), "{\"findings\": [");
        BlueprintValidationException e = fails(file);
        assertTrue(e.getMessage().startsWith(problem(file, "; it cannot be read as JSON: ")), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void failsAnotherJsonReportThatHasNoFindingsList() throws IOException {
        // CDK's own validation report: JSON, but not a baseline; it used to read as an empty one
        Path file = Files.writeString(dir.resolve(GateSummary.REPORT_FILE),
                "{\"title\": \"Validation Report\", \"pluginReports\": []}");
        assertEquals(problem(file, "; it has no \"findings\" list"), fails(file).getMessage());
    }

    @Test
    void failsAFindingsValueThatIsNotAList() throws IOException {
        Path file = Files.writeString(dir.resolve("b.json"), "{\"findings\": {\"rule\": \"x\"}}");
        assertEquals(problem(file, "; it has no \"findings\" list"), fails(file).getMessage());
    }

    @Test
    void failsAFindingWithoutARuleOrPath() throws IOException {
        Path file = Files.writeString(dir.resolve("b.json"),
                "{\"findings\": [{\"rule\": \"R\", \"path\": \"A/B\"}, {\"rule\": \"R\"}]}");
        assertEquals(problem(file, "; findings[1] is {\"rule\":\"R\"}"), fails(file).getMessage());
    }

    @Test
    void failsThroughTheGateBuilder() {
        Path file = dir.resolve("missing.json");
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> ComplianceGate.builder().baseline(file));
        assertEquals(List.of(ErrorCode.GATE_FILE), e.getCodes());
    }
}
