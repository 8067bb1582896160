package io.securevpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the published jars hold, checked after {@code mvn package} (failsafe, in {@code mvn verify}): the library
 * ({@code constructs/}) only, never the app of {@code src/} ({@code io/securevpc/app/}), which is compiled and run
 * by {@code cdk.json} but is not part of {@code io.securevpc:secure-vpc-blueprint}.
 */
class LibraryJarIT {
    private static final String APP = "io/securevpc/app/";

    private static List<String> entries(final String classifier) throws IOException {
        try (ZipFile zip = new ZipFile(jar(classifier).toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    private static Path jar(final String classifier) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString()
                    .matches("secure-vpc-blueprint-[^-]+(-SNAPSHOT)?" + classifier + "\\.jar")).toList();
            assertEquals(1, found.size(), "one jar target/secure-vpc-blueprint-*" + classifier + ".jar: " + found);
            jar = found.get(0);
        }
        return jar;
    }

    private static void assertLibraryOnly(final List<String> entries, final String libraryEntry) {
        assertTrue(entries.contains(libraryEntry), "the library is in the jar: " + libraryEntry);
        assertEquals(List.of(), entries.stream().filter(e -> e.startsWith(APP)).toList(),
                "no app entry in the library jar");
    }

    @Test
    void classesJarHoldsTheLibraryAndItsResourcesButNotTheApp() throws IOException {
        List<String> entries = entries("");
        assertLibraryOnly(entries, "io/securevpc/network/SecureVpc.class");
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("io/securevpc/detection/") && e.endsWith(".py")),
                "the remediation script MaliciousIpBlocking reads at synth");
        assertTrue(entries.contains("io/securevpc/gate/report/stock-rules.json"), "the stock rule table the synth "
                + "report maps controls with");
    }

    /** Consumers on the module path get a stable module name, not one derived from the jar's file name. */
    @Test
    void classesJarNamesItsAutomaticModule() throws IOException {
        try (JarFile jar = new JarFile(jar("").toFile())) {
            assertEquals("io.securevpc.blueprint", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }

    /** The published pom names the licence of LICENSE (Apache License 2.0). */
    @Test
    void pomDeclaresTheApacheLicense() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.matches("(?s).*<licenses>\\s*<license>\\s*<name>Apache-2.0</name>.*</licenses>.*"), "pom.xml <licenses>");
        assertTrue(Files.readString(Path.of("LICENSE")).contains("Apache License\n                           Version 2.0"));
    }

    @Test
    void sourcesJarHoldsTheLibrarySourcesButNotTheApp() throws IOException {
        assertLibraryOnly(entries("-sources"), "io/securevpc/network/SecureVpc.java");
    }

    @Test
    void javadocJarDocumentsTheLibraryButNotTheApp() throws IOException {
        assertLibraryOnly(entries("-javadoc"), "io/securevpc/network/SecureVpc.html");
    }
}
