package io.securevpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which package may import which, read from the sources (imports, static imports and fully qualified names in
 * code; comments and string literals do not count). The layers, lowest first: a package may import its own
 * layer's packages only where {@link #SAME_LAYER} says so, and any package of a lower layer.
 */
class ArchitectureTest {
    private static final String BASE = "io.securevpc";

    /** The layers, lowest first. Module names: {@code root} is {@code io.securevpc} itself, others its subpackages. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("root"),                // ErrorCode, BlueprintValidationException
            List.of("compliance"),          // Acknowledgements and the markers rules read: constructs may use them
            List.of("internal"),            // helpers of the constructs, not API
            List.of("network", "endpoints", "connectivity", "audit", "detection", "iam", "defaults"),   // the constructs
            List.of("nag.model"),           // the template model the rules read
            List.of("nag.rules"),           // the rules (and nag.rules.<service>)
            List.of("nag"),                 // the BlueprintChecks pack and its table
            List.of("gate.report"),         // the synth report (HTML and Markdown) the gate writes from plain data
            List.of("gate"),                // ComplianceGate, its plugin, report, baseline, CheckTemplate
            List.of("app"));                // the deployable app (src/)

    /** Imports allowed inside one layer, as the constructs use each other today (no cycle). */
    private static final Map<String, Set<String>> SAME_LAYER = Map.of(
            "connectivity", Set.of("network"),
            "defaults", Set.of("network"),
            "detection", Set.of("network"),
            "iam", Set.of("network"));

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A fully qualified class name of the project: its package is the lower-case segments before the class. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.securevpc((?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern WILDCARD = Pattern.compile("\\bimport\\s+(?:static\\s+)?io\\.securevpc((?:\\.[a-z_][a-z0-9_]*)*)\\.\\*");

    /** One dependency from one source file to a package. */
    record Dependency(String file, int line, String from, String to) {
    }

    @Test
    void everyPackageImportsOnlyWhatTheLayerTableAllows() {
        List<String> violations = violations(dependencies(sources("constructs", "src")));
        assertEquals(List.of(), violations, String.join("\n", violations));
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<String> cycle = cycle(dependencies(sources("constructs", "src")));
        assertEquals(List.of(), cycle, "package cycle: " + String.join(" -> ", cycle));
    }

    @Test
    void theLayerTableItselfHasNoCycle() {
        Map<String, Set<String>> edges = new TreeMap<>();
        SAME_LAYER.forEach((from, tos) -> tos.forEach(to -> edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to)));
        assertEquals(List.of(), findCycle(edges));
    }

    @Test
    void failsWhenAConstructImportsTheGate() {
        Map<String, String> sources = Map.of("constructs/io/securevpc/network/Bad.java", """
                package io.securevpc.network;

                import io.securevpc.compliance.Acknowledgements;
                import io.securevpc.gate.ComplianceGate;
                """);
        assertEquals(List.of("constructs/io/securevpc/network/Bad.java:4: io.securevpc.network (layer network) "
                + "may not import io.securevpc.gate (layer gate); it may import root, compliance, internal"),
                violations(dependencies(sources)));
    }

    @Test
    void failsWhenInternalImportsAConstructOrThePack() {
        Map<String, String> sources = Map.of("constructs/io/securevpc/internal/Bad.java", """
                package io.securevpc.internal;

                class Bad {
                    Object a = io.securevpc.nag.rules.ec2.SecurityGroupNoWorldIngress.class;
                    Object b = io.securevpc.network.SecureVpc.class;
                }
                """);
        assertEquals(List.of(
                "constructs/io/securevpc/internal/Bad.java:4: io.securevpc.internal (layer internal) may not import "
                        + "io.securevpc.nag.rules.ec2 (layer nag.rules); it may import root, compliance",
                "constructs/io/securevpc/internal/Bad.java:5: io.securevpc.internal (layer internal) may not import "
                        + "io.securevpc.network (layer network); it may import root, compliance"),
                violations(dependencies(sources)));
    }

    @Test
    void failsOnAPackageCycleBetweenConstructs() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("constructs/io/securevpc/network/A.java", "package io.securevpc.network;\nimport io.securevpc.iam.B;\n");
        sources.put("constructs/io/securevpc/iam/B.java", "package io.securevpc.iam;\nimport io.securevpc.network.A;\n");
        List<Dependency> dependencies = dependencies(sources);
        assertEquals(List.of("io.securevpc.iam", "io.securevpc.network", "io.securevpc.iam"), cycle(dependencies));
        assertEquals(List.of("constructs/io/securevpc/network/A.java:2: io.securevpc.network (layer network) may not "
                + "import io.securevpc.iam (layer iam); it may import root, compliance, internal"), violations(dependencies));
    }

    @Test
    void commentsAndStringsAreNotDependencies() {
        Map<String, String> sources = Map.of("constructs/io/securevpc/network/Fine.java", """
                package io.securevpc.network;

                /** Checked by {@link io.securevpc.nag.rules.ec2.SecurityGroupNoWorldIngress}. */
                class Fine {
                    // io.securevpc.gate.ComplianceGate.applyTo(app);
                    String s = "io.securevpc.gate.ComplianceGate /* not a comment */";
                    Object t = io.securevpc.internal.Problems.class;
                }
                """);
        List<Dependency> dependencies = dependencies(sources);
        assertEquals(List.of(new Dependency("constructs/io/securevpc/network/Fine.java", 7, "io.securevpc.network",
                "io.securevpc.internal")), dependencies);
        assertEquals(List.of(), violations(dependencies));
    }

    /** A file a newcomer can read in one sitting; SecureVpc, the entry point, is kept shorter still. */
    @Test
    void everyLibraryFileHasAtMost450LinesAndSecureVpcAtMost350() {
        List<String> tooLong = new ArrayList<>();
        for (Map.Entry<String, String> source : sources("constructs").entrySet()) {
            long lines = source.getValue().lines().count();
            long limit = source.getKey().equals("constructs/io/securevpc/network/SecureVpc.java") ? 350 : 450;
            if (lines > limit) {
                tooLong.add(source.getKey() + ": " + lines + " lines (at most " + limit + ")");
            }
        }
        assertEquals(List.of(), tooLong);
    }

    /** @return the source of every .java file under the given directories, by path relative to the project. */
    private static Map<String, String> sources(final String... roots) {
        Map<String, String> sources = new TreeMap<>();
        for (String root : roots) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        sources.put(f.toString().replace('\\', '/'), Files.readString(f));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue(!sources.isEmpty(), "no .java file under " + List.of(roots));
        return sources;
    }

    /** @return every dependency on another package of the project, in file and line order. */
    static List<Dependency> dependencies(final Map<String, String> sources) {
        List<Dependency> out = new ArrayList<>();
        for (Map.Entry<String, String> source : new TreeMap<>(sources).entrySet()) {
            String code = codeOnly(source.getValue());
            Matcher p = PACKAGE.matcher(code);
            if (!p.find()) {
                continue;
            }
            String from = p.group(1);
            for (Pattern pattern : List.of(QUALIFIED, WILDCARD)) {
                Matcher m = pattern.matcher(code);
                while (m.find()) {
                    if (m.start() >= p.start() && m.end() <= p.end()) {
                        continue;
                    }
                    String to = BASE + m.group(1);
                    if (!to.equals(from)) {
                        int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                        out.add(new Dependency(source.getKey(), line, from, to));
                    }
                }
            }
        }
        out.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
        return out.stream().distinct().toList();
    }

    /** @return the source with comments and string and character literals blanked out (line breaks kept). */
    static String codeOnly(final String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(final String source, final int from, final int to, final StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    /** @return the module of a package: {@code root}, {@code nag.rules}, {@code nag.model} and {@code gate.report} for their packages, else its first segment. */
    static String module(final String pkg) {
        if (pkg.equals(BASE)) {
            return "root";
        }
        String rest = pkg.substring(BASE.length() + 1);
        for (String nested : List.of("nag.rules", "nag.model", "gate.report")) {
            if (rest.equals(nested) || rest.startsWith(nested + ".")) {
                return nested;
            }
        }
        return rest.split("\\.")[0];
    }

    private static int layer(final String module) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(module)) {
                return i;
            }
        }
        return -1;
    }

    /** @return one message per dependency the layer table does not allow. */
    static List<String> violations(final List<Dependency> dependencies) {
        List<String> out = new ArrayList<>();
        for (Dependency d : dependencies) {
            String from = module(d.from());
            String to = module(d.to());
            int fromLayer = layer(from);
            int toLayer = layer(to);
            if (fromLayer < 0 || toLayer < 0) {
                out.add(d.file() + ":" + d.line() + ": " + (fromLayer < 0 ? d.from() : d.to())
                        + " has no layer in ArchitectureTest.LAYERS: add it");
            } else if (!from.equals(to) && toLayer >= fromLayer
                    && !SAME_LAYER.getOrDefault(from, Set.of()).contains(to)) {
                List<String> allowed = new ArrayList<>();
                LAYERS.subList(0, fromLayer).forEach(allowed::addAll);
                allowed.addAll(new TreeSet<>(SAME_LAYER.getOrDefault(from, Set.of())));
                out.add(d.file() + ":" + d.line() + ": " + d.from() + " (layer " + from + ") may not import " + d.to()
                        + " (layer " + to + "); it may import " + String.join(", ", allowed));
            }
        }
        return out;
    }

    /** @return a cycle of the package graph (first package repeated at the end), or an empty list. */
    static List<String> cycle(final List<Dependency> dependencies) {
        Map<String, Set<String>> edges = new TreeMap<>();
        dependencies.forEach(d -> edges.computeIfAbsent(d.from(), k -> new TreeSet<>()).add(d.to()));
        return findCycle(edges);
    }

    private static List<String> findCycle(final Map<String, Set<String>> edges) {
        Map<String, Integer> state = new TreeMap<>();   // 1 on the path, 2 done
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(final String node, final Map<String, Set<String>> edges,
                                      final Map<String, Integer> state, final List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
