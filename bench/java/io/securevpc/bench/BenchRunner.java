package io.securevpc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the benchmark: starts every measured run as its own process (see {@link BenchApp}), repetitions
 * interleaved so that load from other work on the machine spreads over every row, then prints one table.
 *
 * <p>Options: {@code --reps N} (default 3), {@code --sizes 1,5,10,25,50}, {@code --test-cmd "..."} (default: the
 * test command of README.md, else {@code mvn -q test}), {@code --no-test-cmd}.
 */
public final class BenchRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What CDK CLI 2.1148.1 adds to the app's context (observed: the CLI's CDK_CONTEXT_JSON). */
    private static final Map<String, Object> CLI_CONTEXT = new LinkedHashMap<>();

    static {
        CLI_CONTEXT.put("aws:cdk:enable-path-metadata", true);
        CLI_CONTEXT.put("aws:cdk:enable-asset-metadata", true);
        CLI_CONTEXT.put("aws:cdk:version-reporting", true);
        CLI_CONTEXT.put("aws:cdk:bundling-stacks", List.of("**"));
        CLI_CONTEXT.put("@aws-cdk/core:failSynthOnValidationErrors", false);
    }

    private final Path repo = Paths.get("").toAbsolutePath();
    private final Path work;
    private final String classpath = System.getProperty("bench.cp");
    private final String classes = System.getProperty("bench.classes");
    /** The JVM options the app runs with under `cdk synth` (Maven reads them from .mvn/jvm.config). */
    private final List<String> jvmOptions = jvmConfig(repo);
    private int runCounter;

    private BenchRunner() throws IOException {
        this.work = Files.createTempDirectory("securevpc-bench-");
    }

    /** One case: a mode and a number of environments. */
    record Case(String label, String mode, int envs, Map<String, String> extraEnv) {
        Case(final String label, final String mode, final int envs) {
            this(label, mode, envs, Map.of());
        }
    }

    /** One measured run. */
    record Run(long wallMs, long peakRssKb, Map<String, String> values, int exit) {
        boolean ok() {
            return exit == 0 && !values.isEmpty();
        }

        long cpuMs() {
            return num("jvm_cpu_ms") + num("node_cpu_ms");
        }

        long num(final String key) {
            String v = values.get(key);
            return v == null ? -1 : Long.parseLong(v);
        }
    }

    public static void main(final String[] args) throws Exception {
        int reps = 3;
        List<Integer> sizes = List.of(1, 5, 10, 25, 50);
        String testCmd = null;
        boolean runTestCmd = true;
        double budgetMin = 9.0;
        int incEnvs = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = List.of(args[++i].split(",")).stream().map(Integer::parseInt).toList();
                case "--test-cmd" -> testCmd = args[++i];
                case "--no-test-cmd" -> runTestCmd = false;
                case "--budget-min" -> budgetMin = Double.parseDouble(args[++i]);
                case "--inc-envs" -> incEnvs = Integer.parseInt(args[++i]);
                case "--no-incremental" -> incEnvs = 0;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new BenchRunner().run(reps, budgetMin, sizes, runTestCmd ? (testCmd != null ? testCmd : readmeTestCommand()) : null,
                incEnvs);
    }

    /** One repetition of the incremental gate: the same app synthesized cold, again unchanged, with one env changed. */
    record Incremental(Run cold, Run warm, Run changed) {
    }

    /**
     * The incremental gate with {@code envs} environments, into one output directory (so the gate's cache, under it,
     * persists): a cold synth (empty cache), the same app again, then the app with environment 1's block list changed. The
     * cache is turned on by context ({@code secure-vpc:gateCache}), so a CI environment does not turn it off here.
     */
    private Incremental incremental(final JsonNode cdkJson, final JsonNode template, final int envs) throws Exception {
        Path dir = work.resolve("inc-" + (++runCounter));
        Files.createDirectories(dir);
        Case c = new Case("inc" + envs, "gate", envs);
        Run cold = runCase(c, cdkJson, template, dir, false);
        Run warm = runCase(c, cdkJson, template, dir, false);
        Run changed = runCase(c, cdkJson, template, dir, true);
        deleteTree(dir);
        return new Incremental(cold, warm, changed);
    }

    /** The version of the node that jsii runs ({@code JSII_NODE}, else node from PATH). */
    private static String nodeVersion() {
        String node = System.getenv("JSII_NODE") != null ? System.getenv("JSII_NODE") : "node";
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            return v;
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void run(final int reps, final double budgetMin, final List<Integer> sizes, final String testCmd,
                     final int incEnvs) throws Exception {
        long start = System.nanoTime();
        JsonNode cdkJson = JSON.readTree(repo.resolve("cdk.json").toFile());
        JsonNode template = threeTierTemplate(cdkJson.path("context").path("blueprint"));

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("floor", "floor", 0));
        cases.add(new Case("floor-noval", "floor", 0, Map.of("CDK_VALIDATION", "false")));
        cases.add(new Case("blueprint", "blueprint", 1));
        for (int n : sizes) {
            cases.add(new Case("gate" + n, "gate", n));
        }

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        cases.forEach(c -> runs.put(c.label(), new ArrayList<>()));
        System.err.println("[bench] warm-up run (not measured): floor");
        runCase(cases.get(0), cdkJson, template);
        int done = 0;
        long firstRepMs = 0;
        String stopped = null;
        for (int r = 1; r <= reps; r++) {
            long repStart = System.nanoTime();
            if (r > 1 && ms(start) + firstRepMs + (testCmd != null ? 60_000 : 0) > budgetMin * 60_000) {
                stopped = String.format(Locale.ROOT, "stopped after %d of %d repetitions: another would cross the "
                        + "%.1f-minute budget (--budget-min) on this machine's load", done, reps, budgetMin);
                System.err.println("[bench] " + stopped);
                break;
            }
            for (Case c : cases) {
                Run run = runCase(c, cdkJson, template);
                runs.get(c.label()).add(run);
                System.err.printf(Locale.ROOT, "[bench] rep %d/%d %-10s %6d ms  %s%n", r, reps, c.label(),
                        run.wallMs(), run.exit() == 0 ? "" : "EXIT " + run.exit());
            }
            done = r;
            if (r == 1) {
                firstRepMs = ms(repStart);
            }
        }
        List<Incremental> inc = new ArrayList<>();
        for (int r = 1; incEnvs > 0 && r <= reps; r++) {
            Incremental one = incremental(cdkJson, template, incEnvs);
            inc.add(one);
            System.err.printf(Locale.ROOT, "[bench] incremental rep %d/%d, %d envs: cold %d ms, unchanged %d ms, one "
                    + "changed %d ms (gate %s / %s / %s ms)%n", r, reps, incEnvs, one.cold().wallMs(),
                    one.warm().wallMs(), one.changed().wallMs(), one.cold().values().get("gate_ms"),
                    one.warm().values().get("gate_ms"), one.changed().values().get("gate_ms"));
            if (r < reps && ms(start) + one.cold().wallMs() + one.warm().wallMs() + one.changed().wallMs()
                    > (budgetMin + 6) * 60_000) {
                System.err.println("[bench] incremental: stopped after " + r + " repetitions (budget)");
                break;
            }
        }
        Run test = null;
        if (testCmd != null) {
            System.err.println("[bench] test command: " + testCmd);
            test = measure(List.of("bash", "-c", testCmd), Map.of(), repo, work.resolve("test-command.log"));
            System.err.printf(Locale.ROOT, "[bench] test command %d ms exit %d%n", test.wallMs(), test.exit());
        }
        new Report(runs, sizes, done, stopped, testCmd, test, ms(start), System.getenv("JSII_NODE"), jvmOptions, inc,
                incEnvs, nodeVersion()).print();
        deleteTree(work);
    }

    /**
     * The options in {@code .mvn/jvm.config}: cdk.json's app is {@code mvn ... exec:java}, which runs the app inside
     * Maven's JVM, started with these options. Every row (the floor too) gets the same ones.
     */
    static List<String> jvmConfig(final Path repo) {
        Path config = repo.resolve(".mvn/jvm.config");
        try {
            return Files.exists(config)
                    ? List.of(Files.readString(config).trim().split("\\s+")).stream().filter(o -> !o.isEmpty()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The three-tier environment of cdk.json (the fullest profile), cloned for every generated environment. */
    private static JsonNode threeTierTemplate(final JsonNode blueprint) {
        for (JsonNode env : blueprint.path("environments")) {
            if ("three-tier".equals(env.path("shape").asText())) {
                return env;
            }
        }
        return blueprint.path("environments").path(0);
    }

    /** cdk.json context, 'blueprint' replaced by N copies of the template with distinct names and 10.i.0.0/16. */
    private static ObjectNode context(final JsonNode cdkJson, final JsonNode template, final int envs) {
        ObjectNode context = ((ObjectNode) cdkJson.path("context")).deepCopy();
        context.remove("blueprint");
        if (envs > 0) {
            ArrayNode list = JSON.createArrayNode();
            // the regulated profile needs an alert subscriber in each account and region: cdk.json's first one, on env 1
            JsonNode subscriptions = null;
            for (JsonNode e : cdkJson.path("context").path("blueprint").path("environments")) {
                if (subscriptions == null && e.has("alertSubscriptions")) {
                    subscriptions = e.get("alertSubscriptions");
                }
            }
            for (int i = 1; i <= envs; i++) {
                ObjectNode env = template.deepCopy();
                env.put("name", "bench-" + i);
                env.put("stackName", "SecureVpc-Bench-" + i);
                env.put("cidr", "10." + i + ".0.0/16");
                if (i == 1 && subscriptions != null && !env.has("alertSubscriptions")) {
                    env.set("alertSubscriptions", subscriptions.deepCopy());
                }
                list.add(env);
            }
            context.putObject("blueprint").set("environments", list);
        }
        CLI_CONTEXT.forEach((k, v) -> context.set(k, JSON.valueToTree(v)));
        // BENCH_CONTEXT: a JSON object of context keys to add, e.g. {"secure-vpc:cloudFormationWorker": false}
        String extra = System.getenv("BENCH_CONTEXT");
        if (extra != null && !extra.isBlank()) {
            try {
                JSON.readTree(extra).fields().forEachRemaining(e -> context.set(e.getKey(), e.getValue()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("BENCH_CONTEXT is not a JSON object: " + extra, e);
            }
        }
        return context;
    }

    private Run runCase(final Case c, final JsonNode cdkJson, final JsonNode template) throws Exception {
        Path out = work.resolve("run-" + (++runCounter));
        Files.createDirectories(out);
        Run run = runCase(c, cdkJson, template, out, false);
        deleteTree(out.resolve("cdk.out"));
        return run;
    }

    /**
     * One run into {@code out}/cdk.out, kept (the incremental rows reuse it); {@code changeFirst}: environment 1's block
     * list gets one more range (198.51.100.0/24), which changes its network stack's template.
     */
    private Run runCase(final Case c, final JsonNode cdkJson, final JsonNode template, final Path out,
                        final boolean changeFirst) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        ObjectNode context = context(cdkJson, template, c.envs());
        if (c.label().startsWith("inc")) {
            context.put("secure-vpc:gateCache", true);
        }
        if (changeFirst) {
            // a change local to one environment: one more range on its block list
            ((ArrayNode) context.path("blueprint").path("environments").path(0).withArray("blockList")).addObject()
                    .put("cidr", "198.51.100.0/24").put("reason", "Benchmark: a range added to one environment's list");
        }
        env.put("CDK_CONTEXT_JSON", JSON.writeValueAsString(context));
        env.put("CDK_OUTDIR", out.resolve("cdk.out").toString());
        env.put("CDK_DEFAULT_REGION", "us-east-1");
        env.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        env.putAll(c.extraEnv());
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dbench.classes=" + classes, "-cp", classpath, BenchApp.class.getName(), c.mode()));
        Run run = measure(cmd, env, repo, out.resolve("stderr.log"));
        if (run.exit() != 0 || run.values().isEmpty()) {
            System.err.println("[bench] run failed (" + c + "), stderr tail:");
            List<String> lines = Files.readAllLines(out.resolve("stderr.log"));
            lines.stream().filter(l -> !l.isBlank() && !l.startsWith("!!")).skip(Math.max(0, lines.size() - 40))
                    .map(l -> l.length() > 240 ? l.substring(0, 120) + " [...] " + l.substring(l.length() - 120) : l)
                    .forEach(System.err::println);
        }
        return run;
    }

    /** Runs a command; wall time from start to exit; peak of the summed RSS of its process tree every 100 ms. */
    private static Run measure(final List<String> cmd, final Map<String, String> env, final Path dir,
                               final Path stderr) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (p.isAlive()) {
                long sum = rssKb(p.pid()) + p.descendants().mapToLong(h -> rssKb(h.pid())).sum();
                peak.accumulateAndGet(sum, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        long wall = ms(t0);
        sampler.interrupt();
        sampler.join();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("BENCH ")) {
                for (String kv : line.substring(6).trim().split(" ")) {
                    int eq = kv.indexOf('=');
                    values.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return new Run(wall, peak.get(), values, p.exitValue());
    }

    private static long rssKb(final long pid) {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The first {@code mvn ... test|verify} command in README.md, else {@code mvn -q test}. */
    private static String readmeTestCommand() throws IOException {
        Path readme = Paths.get("README.md");
        if (Files.exists(readme)) {
            Matcher m = Pattern.compile("(mvn [^`\\n]*\\b(verify|test)\\b[^`\\n]*)").matcher(Files.readString(readme));
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        return "mvn -q test";
    }

    private static long ms(final long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000L;
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The printed table. */
    private record Report(Map<String, List<Run>> runs, List<Integer> sizes, int reps, String stopped, String testCmd,
                          Run test, long totalMs, String jsiiNode, List<String> jvmOptions, List<Incremental> inc,
                          int incEnvs, String nodeVersion) {
        void print() {
            List<Run> floor = runs.get("floor");
            double floorWall = median(floor, Run::wallMs);
            double floorCpu = median(floor, Run::cpuMs);
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Secure VPC blueprint benchmark  %s  (%d cores, load average at end %s)%n",
                    Instant.now().toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors(),
                    loadAvg()));
            s.append(String.format(Locale.ROOT, "java %s, node %s, aws-cdk-lib 2.263.0, cdk-nag 3.0.2; %d repetitions "
                    + "per row, interleaved, after one unmeasured warm-up run%n", System.getProperty("java.version"),
                    (jsiiNode != null ? "JSII_NODE=" + jsiiNode : "from PATH") + " (" + nodeVersion + ")", reps));
            if (stopped != null) {
                s.append("NOTE: ").append(stopped).append('\n');
            }
            s.append("Each run: a fresh JVM `java " + (jvmOptions.isEmpty() ? "" : String.join(" ", jvmOptions)
                    + " ") + "-cp <project runtime classpath> io.securevpc.bench.BenchApp MODE`\n(JVM options from "
                    + ".mvn/jvm.config, which the app's `mvn exec:java` runs with), context in CDK_CONTEXT_JSON "
                    + "(cdk.json context + the keys CDK CLI\n2.1148.1 adds), a fresh CDK_OUTDIR, as `cdk synth` runs the "
                    + "app minus Maven's start. Environments are copies of cdk.json's\nthree-tier environment (3 AZs, "
                    + "NAT per AZ), CIDRs 10.i.0.0/16.\n\n");
            s.append(String.format(Locale.ROOT, "%-40s %4s %6s %6s %5s %6s %5s %6s %5s %5s %5s %9s %5s%n", "row", "envs",
                    "wall", "wall", "x flr", "cpu", "x flr", "RSS", "jsii", "build", "synth", "largest", "gate"));
            s.append(String.format(Locale.ROOT, "%-40s %4s %6s %6s %5s %6s %5s %6s %5s %5s %5s %9s %5s%n", "", "",
                    "min s", "med s", "wall", "med s", "cpu", "med MB", "s", "s", "s", "res/KB", ""));
            s.append(row("1 floor: one plain ec2.Vpc", "-", floor, floorWall, floorCpu));
            s.append(row("1b floor with CDK_VALIDATION=false", "-", runs.get("floor-noval"), floorWall, floorCpu));
            s.append(row("2 blueprint, synth only (gate off)", "1", runs.get("blueprint"), floorWall, floorCpu));
            String own = runs.get("gate1").stream().filter(Run::ok).findFirst()
                    .map(r -> r.values().getOrDefault("own_pack", "n/a")).orElse("n/a");
            s.append(row("3 blueprint + gate (6 stock + CFN" + ("n/a".equals(own) ? ")" : " + own)"), "1",
                    runs.get("gate1"), floorWall, floorCpu));
            double gateWall = median(runs.get("gate1"), Run::wallMs);
            double gateCpu = median(runs.get("gate1"), Run::cpuMs);
            s.append(ownPackRow(own, gateWall));
            for (int n : sizes) {
                s.append(row("5 scaling: blueprint + gate", String.valueOf(n), runs.get("gate" + n), floorWall,
                        floorCpu));
            }
            List<Integer> fitted = sizes.stream().filter(n -> runs.get("gate" + n).stream().anyMatch(Run::ok))
                    .toList();
            if (fitted.size() < sizes.size()) {
                s.append("  fits below use only the sizes that synthesized: ").append(fitted).append('\n');
            }
            double[] wallFit = fit(fitted, Run::wallMs);
            double[] cpuFit = fit(fitted, Run::cpuMs);
            s.append(String.format(Locale.ROOT, "  per added environment (least squares over medians): wall %.0f ms "
                    + "(R^2 %.3f), cpu %.0f ms (R^2 %.3f)%n", wallFit[0], wallFit[1], cpuFit[0], cpuFit[1]));
            s.append("  per segment, wall: ").append(segments(fitted, Run::wallMs)).append('\n');
            s.append("  per segment, cpu:  ").append(segments(fitted, Run::cpuMs)).append('\n');
            if (test != null) {
                s.append(String.format(Locale.ROOT, "%-40s %4s %6s %6.1f %5s %6s %5s %6.0f   (1 run, exit %d)%n",
                        "6 README test command", "-", "", test.wallMs() / 1000.0, "", "", "", test.peakRssKb() / 1024.0,
                        test.exit()));
                s.append("  = `").append(testCmd).append("` in the repository root, after the build above\n");
            } else {
                s.append("6 README test command: not run (--no-test-cmd)\n");
            }
            s.append("""

                    wall = process start to exit (JVM + jsii/node start, construction, synth, validation, templates);
                    cpu = CPU seconds of JVM + node child (robust to other load on the machine); x flr = median / floor median;
                    RSS = peak of the summed RSS of the process tree (JVM + node), sampled every 100 ms; jsii = JVM start to
                    `new App()` returned (node + jsii start); build = constructing stacks (and registering the gate);
                    synth = app.synth() incl. validation plugins and templates (in-process medians); largest = resources /
                    KB of the largest template (CloudFormation limits 500 / 1000 KB, enforced by StackLimits);
                    gate = the gate's verdict. Floor 1 is `cdk synth`'s default, which runs CDK's CloudFormation template
                    validation (CDK_VALIDATION unset); 1b turns that off. Row 2 also runs it; row 3 runs it via the gate.
                    """);
            s.append("time of each gated pack inside the row-3 synth (GatedPack's own clock, all stacks), medians:\n");
            packCosts(s);
            incremental(s);
            s.append("\ntargets (wall medians; cpu as a cross-check under load):\n");
            double ratio = gateWall / floorWall;
            s.append(String.format(Locale.ROOT, "  blueprint + gate <= 1.4 x floor ........... %.2f x wall, %.2f x cpu  "
                    + "%s  (against floor 1b: %.2f x wall, %.2f x cpu)%n", ratio, gateCpu / floorCpu,
                    ratio <= 1.4 ? "MET" : "MISSED", gateWall / median(runs.get("floor-noval"), Run::wallMs),
                    gateCpu / median(runs.get("floor-noval"), Run::cpuMs)));
            s.append(ownPackTarget(own, gateWall));
            boolean linear = fitted.size() == sizes.size() && linear(fitted, Run::wallMs, wallFit);
            s.append(String.format(Locale.ROOT, "  <= 500 ms per added environment, linear .. %.0f ms wall (%s), "
                    + "%.0f ms cpu (%s)  %s%n", wallFit[0], linear ? "linear" : "not linear", cpuFit[0],
                    linear(fitted, Run::cpuMs, cpuFit) ? "linear" : "not linear",
                    fitted.size() < sizes.size() ? "MISSED (synth failed at " + sizes.stream()
                            .filter(n -> !fitted.contains(n)).map(String::valueOf).collect(Collectors.joining(", "))
                            + " environments)" : sizes.size() < 3 ? "n/a (needs 3 sizes)"
                            : wallFit[0] <= 500 && linear ? "MET" : "MISSED"));
            incrementalTargets(s);
            if (test != null) {
                s.append(String.format(Locale.ROOT, "  README test command <= 5 min ............. %.1f min  %s%n",
                        test.wallMs() / 60000.0, test.exit() != 0 ? "FAILED (exit " + test.exit() + ")"
                                : test.wallMs() <= 300_000 ? "MET" : "MISSED"));
            }
            s.append(String.format(Locale.ROOT, "benchmark total %.1f min%n", totalMs / 60000.0));
            System.out.print(s);
        }

        private static List<Run> incRuns(final List<Incremental> inc, final java.util.function.Function<Incremental, Run> f) {
            return inc.stream().map(f).toList();
        }

        /** Row 7: the incremental gate, each phase's wall, gate time and cache counts (medians). */
        private void incremental(final StringBuilder s) {
            if (inc.isEmpty()) {
                s.append("7 incremental gate: not run (--no-incremental)\n");
                return;
            }
            s.append(String.format(Locale.ROOT, "7 incremental gate: %d environments, one output directory, cache on; "
                    + "%d repetition(s), medians%n", incEnvs, inc.size()));
            s.append(incRow("cold (empty cache)", incRuns(inc, Incremental::cold)));
            s.append(incRow("re-synth, nothing changed", incRuns(inc, Incremental::warm)));
            s.append(incRow("re-synth, environment 1 changed", incRuns(inc, Incremental::changed)));
            s.append("  gate = the gate's own time (every pack + CloudFormation validation, cache reads and writes "
                    + "included; ComplianceGate.getValidationMillis)\n");
        }

        private String incRow(final String name, final List<Run> rs) {
            return String.format(Locale.ROOT, "  %-34s wall %6.1f s  cpu %6.1f s  gate %7.0f ms (CFN %6.0f ms)  cache "
                    + "hits %4.0f misses %4.0f%s%n", name, median(rs, Run::wallMs) / 1000.0, median(rs, Run::cpuMs)
                    / 1000.0, median(rs, r -> r.num("gate_ms")), median(rs, r -> r.num("cfn_ms")),
                    median(rs, r -> r.num("cache_hits")), median(rs, r -> r.num("cache_misses")),
                    rs.stream().allMatch(Run::ok) ? "" : "  (FAILED runs: see stderr above)")
                    + String.format(Locale.ROOT, "  %-34s of the gate: own pack %.0f ms (never cached), stock packs "
                    + "%.0f ms, the rest (reading the assembly, keys, judging) %.0f ms%n", "", median(rs,
                    r -> r.num("pack[BlueprintChecks]_ms")), median(rs, r -> r.values().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("pack[") && !e.getKey().equals("pack[BlueprintChecks]_ms"))
                    .mapToLong(e -> Long.parseLong(e.getValue())).sum()), median(rs, r -> r.num("gate_ms")
                    - r.num("cfn_ms") - r.values().entrySet().stream().filter(e -> e.getKey().startsWith("pack["))
                    .mapToLong(e -> Long.parseLong(e.getValue())).sum()));
        }

        private void incrementalTargets(final StringBuilder s) {
            if (inc.isEmpty()) {
                return;
            }
            double cold = median(incRuns(inc, Incremental::cold), r -> r.num("gate_ms"));
            double coldWall = median(incRuns(inc, Incremental::cold), Run::wallMs);
            double warm = median(incRuns(inc, Incremental::warm), r -> r.num("gate_ms"));
            double changed = median(incRuns(inc, Incremental::changed), r -> r.num("gate_ms"));
            double one = median(runs.get("gate1"), r -> r.num("gate_ms"));
            s.append(String.format(Locale.ROOT, "  re-synth unchanged: gate <= 10 %% of cold .. %.1f %% of the cold gate "
                    + "(%.0f of %.0f ms; %.1f %% of the cold wall)  %s%n", 100 * warm / cold, warm, cold,
                    100 * warm / coldWall, warm <= 0.10 * cold ? "MET" : "MISSED"));
            s.append(String.format(Locale.ROOT, "  1 of %d changed: gate <= 2 x one env ..... %.2f x (%.0f ms vs %.0f ms, "
                    + "the gate of row 3)  %s%n", incEnvs, changed / one, changed, one, changed <= 2 * one ? "MET"
                    : "MISSED"));
        }

        private String row(final String name, final String envs, final List<Run> all, final double floorWall,
                           final double floorCpu) {
            List<Run> rs = all.stream().filter(Run::ok).toList();
            if (rs.isEmpty()) {
                return String.format(Locale.ROOT, "%-40s %4s FAILED in all %d runs (exit %d after %.1f s): see the "
                        + "stderr printed above the table%n", name, envs, all.size(), all.get(0).exit(),
                        all.get(0).wallMs() / 1000.0);
            }
            Run last = rs.get(rs.size() - 1);
            String largest = last.values().containsKey("largest_resources")
                    ? last.values().get("largest_resources") + "/" + Math.round(last.num("largest_bytes") / 1024.0)
                    : "-";
            boolean failed = rs.size() < all.size();
            return String.format(Locale.ROOT, "%-40s %4s %6.1f %6.1f %5.2f %6.1f %5.2f %6.0f %5.1f %5.1f %5.1f %9s %5s%s%n",
                    name, envs, min(rs, Run::wallMs) / 1000.0, median(rs, Run::wallMs) / 1000.0,
                    median(rs, Run::wallMs) / floorWall, median(rs, Run::cpuMs) / 1000.0,
                    median(rs, Run::cpuMs) / floorCpu, median(rs, Run::peakRssKb) / 1024.0,
                    (median(rs, r -> r.num("jvm_to_main_ms")) + median(rs, r -> r.num("app_ms"))) / 1000.0,
                    median(rs, r -> r.num("build_ms")) / 1000.0, median(rs, r -> r.num("synth_ms")) / 1000.0,
                    largest, last.values().getOrDefault("gate", "-"), failed ? "  (" + (all.size() - rs.size()) + " run(s) FAILED, left out)" : "");
        }

        private String ownPackRow(final String own, final double gateWall) {
            if ("n/a".equals(own)) {
                return String.format(Locale.ROOT, "%-40s %4s %6s %6s   no concrete NagPack subclass under io.securevpc "
                        + "yet (or BENCH_OWN_PACK=none)%n", "4 own pack alone", "1", "n/a", "n/a");
            }
            List<Run> rs = ok(runs.get("gate1"));
            String key = packKey(own);
            return String.format(Locale.ROOT, "%-40s %4s %6.2f %6.2f   = %.1f %% of row 3 wall (its time inside the row-3 "
                    + "synth)%n", "4 own pack alone: " + own, "1", min(rs, r -> r.num(key)) / 1000.0,
                    median(rs, r -> r.num(key)) / 1000.0, 100.0 * median(rs, r -> r.num(key)) / gateWall);
        }

        private String ownPackTarget(final String own, final double gateWall) {
            if ("n/a".equals(own)) {
                return "  own pack <= 10 % of blueprint + gate ..... n/a (no own pack yet)\n";
            }
            double share = 100.0 * median(ok(runs.get("gate1")), r -> r.num(packKey(own))) / gateWall;
            return String.format(Locale.ROOT, "  own pack <= 10 %% of blueprint + gate ..... %.1f %% wall  %s%n", share,
                    share <= 10 ? "MET" : "MISSED");
        }

        private static String packKey(final String pack) {
            return "pack[" + pack + "]_ms";
        }

        private static List<Run> ok(final List<Run> rs) {
            return rs.stream().filter(Run::ok).toList();
        }

        private void packCosts(final StringBuilder s) {
            List<Run> rs = ok(runs.get("gate1"));
            if (rs.isEmpty()) {
                s.append("  n/a (no row-3 run passed)\n");
                return;
            }
            List<String> keys = rs.get(0).values().keySet().stream().filter(k -> k.startsWith("pack[")).toList();
            List<String> parts = new ArrayList<>();
            for (String k : keys) {
                parts.add(String.format(Locale.ROOT, "%s %.0f ms", k.substring(5, k.length() - 4), median(rs, r -> r.num(k))));
            }
            for (int i = 0; i < parts.size(); i += 4) {
                s.append("  ").append(String.join("; ", parts.subList(i, Math.min(parts.size(), i + 4)))).append('\n');
            }
        }

        /** Least-squares slope (ms per environment) and R^2 of a median against the number of environments. */
        private double[] fit(final List<Integer> ns, final ToLongFunction<Run> f) {
            int n = ns.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                x[i] = ns.get(i);
                y[i] = median(runs.get("gate" + ns.get(i)), f);
                mx += x[i] / n;
                my += y[i] / n;
            }
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
            double slope = sxx == 0 ? 0 : sxy / sxx;
            double r2 = sxx == 0 || syy == 0 ? 1 : sxy * sxy / (sxx * syy);
            return new double[] {slope, r2};
        }

        private String segments(final List<Integer> ns, final ToLongFunction<Run> f) {
            List<String> parts = new ArrayList<>();
            for (int i = 1; i < ns.size(); i++) {
                parts.add(String.format(Locale.ROOT, "%d->%d %.0f", ns.get(i - 1), ns.get(i), segment(ns, i, f)));
            }
            return String.join(", ", parts) + " ms/env";
        }

        private double segment(final List<Integer> ns, final int i, final ToLongFunction<Run> f) {
            return (median(runs.get("gate" + ns.get(i)), f) - median(runs.get("gate" + ns.get(i - 1)), f))
                    / (ns.get(i) - ns.get(i - 1));
        }

        /** Linear: R^2 >= 0.99 and the last segment's per-environment cost within 25 % of the fitted slope. */
        private boolean linear(final List<Integer> ns, final ToLongFunction<Run> f, final double[] fit) {
            if (ns.size() < 3) {
                return false;
            }
            double last = segment(ns, ns.size() - 1, f);
            return fit[1] >= 0.99 && Math.abs(last - fit[0]) <= 0.25 * Math.abs(fit[0]);
        }

        private static double median(final List<Run> all, final ToLongFunction<Run> f) {
            List<Run> rs = all.stream().anyMatch(Run::ok) ? all.stream().filter(Run::ok).toList() : all;
            List<Long> v = rs.stream().map(f::applyAsLong).sorted().collect(Collectors.toList());
            int n = v.size();
            return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
        }

        private static double min(final List<Run> rs, final ToLongFunction<Run> f) {
            return rs.stream().filter(Run::ok).mapToLong(f).min().orElse(-1);
        }

        private static String loadAvg() {
            try {
                return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
            } catch (IOException e) {
                return "?";
            }
        }
    }
}
