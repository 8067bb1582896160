package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files are written atomically, and a write that fails is a coded error naming the file. */
class ComplianceReportWriteTest {
    @TempDir
    Path dir;

    private static List<String> names(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesBothFilesCompleteAndLeavesNoTemporaryFile() throws IOException {
        // GIVEN a report, and stale files from an earlier synth
        ComplianceReport report = ComplianceReport.of(List.of(), List.of());
        Files.writeString(dir.resolve(ComplianceReport.JSON_FILE), "stale");
        Files.writeString(dir.resolve(ComplianceReport.TEXT_FILE), "stale");
        // WHEN it is written
        report.write(dir);
        // THEN only the two files are there, each replaced by the complete new content
        assertEquals(List.of(ComplianceReport.JSON_FILE, ComplianceReport.TEXT_FILE), names(dir));
        assertEquals(report.text(), Files.readString(dir.resolve(ComplianceReport.TEXT_FILE)));
        assertEquals(new ObjectMapper().valueToTree(report.json()),
                new ObjectMapper().readTree(dir.resolve(ComplianceReport.JSON_FILE).toFile()));
    }

    @Test
    void failsAReportThatCannotBeWrittenWithTheFileAndLeavesNoTemporaryFile() throws IOException {
        // GIVEN a directory where the JSON report should be: the rename over it fails
        Files.createDirectories(dir.resolve(ComplianceReport.JSON_FILE).resolve("child"));
        ComplianceReport report = ComplianceReport.of(List.of(), List.of());
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> report.write(dir));
        assertEquals(List.of(ErrorCode.GATE_FILE), e.getCodes());
        String expected = "[SVPC-023] report = " + dir.resolve(ComplianceReport.JSON_FILE)
                + ": a writable file in a writable directory for the gate's report (";
        String rendered = e.getProblems().get(0).render();
        assertTrue(rendered.startsWith(expected), rendered);
        // THEN the temporary file is gone
        assertEquals(List.of(ComplianceReport.JSON_FILE), names(dir));
    }
}
