package io.securevpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone is all it takes: nothing the build, the tests, the benchmark or the docs use may read a file beside the
 * repository (a user clones only the repository).
 */
class RepositorySelfContainedTest {
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "cdk.out", "node_modules", ".tools");
    /** The ways a file could reach the directory beside the clone: a relative path out of it, in text or code. */
    private static final List<String> OUTSIDE = List.of(".." + "/shared", "\"..\", \"" + "shared\"");

    @Test
    void noFileOfTheRepositoryReferencesADirectoryBesideIt() throws IOException {
        // GIVEN every text file of the repository
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            for (Path file : files.filter(Files::isRegularFile).filter(this::inRepository).toList()) {
                String text = read(file);
                // THEN none names a path outside it
                OUTSIDE.stream().filter(text::contains).forEach(s -> offenders.add(file + " (" + s + ")"));
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theTestSamplesAndTheGuidanceAreInTheRepository() {
        // The published samples the event-pattern tests read, with their provenance, and the BP-* catalogue.
        assertTrue(Files.isRegularFile(Path.of("test", "samples", "README.md")));
        assertTrue(Files.isDirectory(Path.of("test", "samples", "cloudtrail-records")));
        assertTrue(Files.isDirectory(Path.of("test", "samples", "eventbridge")));
        assertTrue(Files.isRegularFile(Path.of("docs", "guidance.md")));
    }

    private boolean inRepository(final Path file) {
        for (Path part : file.normalize()) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static String read(final Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return "";
        }
    }
}
