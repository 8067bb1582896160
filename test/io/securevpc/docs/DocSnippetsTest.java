package io.securevpc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the documentation compiles: each {@code ```java} block of README.md and docs/*.md is
 * preceded by {@code <!-- snippet: NAME -->} and is, line for line, the region {@code // snippet: NAME} ...
 * {@code // end-snippet} of a Java file in this package (indentation of the region removed). The build compiles
 * those files, so a snippet that does not compile (a misspelt method, two variables of one name) fails the build,
 * and a snippet edited in the Markdown alone fails this test.
 */
class DocSnippetsTest {
    private static final Path SNIPPET_SOURCES = Path.of("test", "io", "securevpc", "docs");
    private static final Pattern MARKER = Pattern.compile("^<!-- snippet: ([a-z0-9-]+) -->$");
    private static final Pattern REGION_START = Pattern.compile("^\\s*// snippet: ([a-z0-9-]+)$");
    private static final Pattern REGION_END = Pattern.compile("^\\s*// end-snippet$");

    /** A fenced Java block of a Markdown file: where it is, the snippet it names (or null), its lines. */
    record Block(String where, String name, List<String> lines) {
    }

    static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    static List<Block> javaBlocks(final Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                body.add(lines.get(j).stripTrailing());
                j++;
            }
            blocks.add(new Block(markdown + ":" + (i + 1), marker != null && marker.matches() ? marker.group(1) : null,
                    body));
            i = j;
        }
        return blocks;
    }

    /** Every region of the snippet sources by name, its common indentation removed. */
    static Map<String, List<String>> regions() throws IOException {
        Map<String, List<String>> regions = new TreeMap<>();
        try (Stream<Path> files = Files.list(SNIPPET_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher start = REGION_START.matcher(lines.get(i));
                    if (!start.matches()) {
                        continue;
                    }
                    List<String> body = new ArrayList<>();
                    int j = i + 1;
                    while (j < lines.size() && !REGION_END.matcher(lines.get(j)).matches()) {
                        body.add(lines.get(j).stripTrailing());
                        j++;
                    }
                    if (j == lines.size()) {
                        throw new AssertionError(file + ":" + (i + 1) + ": snippet " + start.group(1) + " has no end");
                    }
                    if (regions.put(start.group(1), dedent(body)) != null) {
                        throw new AssertionError(file + ":" + (i + 1) + ": a second snippet named " + start.group(1));
                    }
                    i = j;
                }
            }
        }
        return regions;
    }

    private static List<String> dedent(final List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.toList());
    }

    @Test
    void everyJavaBlockOfTheDocsIsACompiledSnippet() throws IOException {
        Map<String, List<String>> regions = regions();
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (Path markdown : markdownFiles()) {
            for (Block block : javaBlocks(markdown)) {
                blocks++;
                if (block.name() == null) {
                    problems.add(block.where()
                            + ": a ```java block without <!-- snippet: NAME --> on the line before");
                } else if (!regions.containsKey(block.name())) {
                    problems.add(block.where() + ": no region '// snippet: " + block.name() + "' in " + SNIPPET_SOURCES);
                } else if (!regions.get(block.name()).equals(block.lines())) {
                    problems.add(block.where() + ": snippet " + block.name() + " differs from its region in "
                            + SNIPPET_SOURCES + firstDifference(block.lines(), regions.get(block.name())));
                }
            }
        }
        assertFalse(blocks == 0, "no ```java block found: the test reads the wrong files");
        assertEquals(List.of(), problems);
    }

    @Test
    void everySnippetRegionIsShownInTheDocs() throws IOException {
        TreeSet<String> shown = new TreeSet<>();
        for (Path markdown : markdownFiles()) {
            javaBlocks(markdown).stream().map(Block::name).filter(n -> n != null).forEach(shown::add);
        }
        TreeSet<String> unused = new TreeSet<>(regions().keySet());
        unused.removeAll(shown);
        assertEquals(new TreeSet<>(), unused, "snippet regions no Markdown file shows");
    }

    private static String firstDifference(final List<String> doc, final List<String> code) {
        for (int i = 0; i < Math.max(doc.size(), code.size()); i++) {
            String d = i < doc.size() ? doc.get(i) : "<end>";
            String c = i < code.size() ? code.get(i) : "<end>";
            if (!d.equals(c)) {
                return ", line " + (i + 1) + " of the block:\n  doc:  " + d + "\n  code: " + c;
            }
        }
        return "";
    }

    // ---------------------------------------------------------------------------- the dependency XML

    /** The README's dependency block names this library's coordinates and the versions pom.xml builds with. */
    @Test
    void theReadmeDependenciesAreThoseOfPomXml() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher p = Pattern.compile("<(cdk\\.version|cdknag\\.version|constructs\\.version)>([^<]+)<").matcher(pom);
        while (p.find()) {
            properties.put(p.group(1), p.group(2));
        }
        String head = pom.substring(0, pom.indexOf("<properties>"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(tag(head, "groupId") + ":" + tag(head, "artifactId"), tag(head, "version"));
        expected.put("software.amazon.awscdk:aws-cdk-lib", properties.get("cdk.version"));
        expected.put("io.github.cdklabs:cdknag", properties.get("cdknag.version"));
        expected.put("software.constructs:constructs", properties.get("constructs.version"));

        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("```xml\n");
        assertFalse(start < 0, "README has no ```xml dependency block");
        String xml = readme.substring(start, readme.indexOf("```\n", start + 7));
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher d = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(xml);
        while (d.find()) {
            shown.put(tag(d.group(1), "groupId") + ":" + tag(d.group(1), "artifactId"), tag(d.group(1), "version"));
        }
        assertEquals(expected, shown);
    }

    private static String tag(final String xml, final String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1).strip() : null;
    }
}
