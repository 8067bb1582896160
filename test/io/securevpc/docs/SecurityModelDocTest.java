package io.securevpc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/security-model.md's "what holds, point by point" table names, for each property, the tests that fail when it
 * breaks: every test it names exists, so a renamed or deleted test cannot leave a claim without its check.
 */
class SecurityModelDocTest {
    private static final Pattern TEST_NAME = Pattern.compile("`([A-Z][A-Za-z0-9]*Test)`");

    @Test
    void everyTestTheSecurityModelNamesExists() throws IOException {
        String doc = Files.readString(Path.of("docs", "security-model.md"));
        String table = doc.substring(doc.indexOf("## What holds, point by point"),
                doc.indexOf("## What is outside the model"));
        Set<String> named = new TreeSet<>();
        Matcher m = TEST_NAME.matcher(table);
        while (m.find()) {
            named.add(m.group(1));
        }
        assertTrue(named.size() >= 15, "tests named: " + named);
        Set<String> existing;
        try (Stream<Path> files = Files.walk(Path.of("test"))) {
            existing = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Test.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).collect(Collectors.toSet());
        }
        List<String> missing = new ArrayList<>(named);
        missing.removeAll(existing);
        assertEquals(List.of(), missing, "named in docs/security-model.md but no such test");
    }
}
