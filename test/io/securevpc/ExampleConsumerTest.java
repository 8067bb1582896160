package io.securevpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * examples/consumer is a separate Maven project that depends on the installed library: it pins the library's own
 * version and the same CDK, cdk-nag, constructs and JUnit versions, and the root build does not compile it.
 */
class ExampleConsumerTest {
    private static final Path EXAMPLE_POM = Path.of("examples", "consumer", "pom.xml");

    @Test
    void pinsTheLibraryVersionAndTheRootPomsVersions() throws IOException {
        String root = Files.readString(Path.of("pom.xml"));
        String example = Files.readString(EXAMPLE_POM);
        assertEquals(first(root, "<artifactId>secure-vpc-blueprint</artifactId>\\s*<version>([^<]+)</version>"),
                property(example, "secure-vpc-blueprint.version"));
        for (String name : new String[] {"cdk.version", "cdknag.version", "constructs.version", "junit.version"}) {
            assertEquals(property(root, name), property(example, name), name);
        }
    }

    @Test
    void theRootBuildDoesNotCompileTheExample() throws IOException {
        String root = Files.readString(Path.of("pom.xml"));
        assertEquals("constructs", first(root, "<sourceDirectory>([^<]+)</sourceDirectory>"));
        assertEquals("test", first(root, "<testSourceDirectory>([^<]+)</testSourceDirectory>"));
        assertFalse(root.contains("examples"), "the root pom names no examples/ directory (no module, no source)");
    }

    private static String property(final String pom, final String name) {
        return first(pom, "<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">");
    }

    private static String first(final String text, final String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
