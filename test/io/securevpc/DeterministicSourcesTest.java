package io.securevpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The same app synthesizes the same bytes: a map handed to the CDK is rendered in its iteration order, and
 * {@code Map.of}'s order changes from one JVM run to the next (keys of policy conditions, event patterns and
 * automation documents moved between two synths of the same commit). Library and app code build maps with
 * {@code io.securevpc.internal.Maps.of}, whose order is the arguments'.
 */
class DeterministicSourcesTest {
    private static final Pattern MAP_OF = Pattern.compile("(?<![\\w.])Map\\.of\\(");

    @Test
    void noLibraryOrAppCodeBuildsAMapWithMapOf() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String root : List.of("constructs", "src")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    List<String> lines = read(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (MAP_OF.matcher(lines.get(i)).find() && !lines.get(i).trim().startsWith("*")) {
                            offenders.add(f + ":" + (i + 1));
                        }
                    }
                });
            }
        }
        assertEquals(List.of(), offenders, "use io.securevpc.internal.Maps.of (argument order) instead of Map.of");
    }

    private static List<String> read(final Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
