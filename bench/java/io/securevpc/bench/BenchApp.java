package io.securevpc.bench;

import io.github.cdklabs.cdknag.NagPack;
import io.securevpc.app.BlueprintApp;
import io.securevpc.app.BlueprintConfig;
import io.securevpc.app.EnvironmentConfig;
import io.securevpc.app.NetworkStack;
import io.securevpc.gate.StackLimits;
import io.securevpc.gate.ComplianceGate;
import io.securevpc.gate.GatedPack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.IConstruct;

/**
 * One measured run of the benchmark, in its own JVM, started the way the CDK CLI starts an app: context from
 * {@code CDK_CONTEXT_JSON}, output to {@code CDK_OUTDIR}. Prints one {@code BENCH key=value ...} line on stdout.
 *
 * <p>Modes: {@code floor} (one plain ec2.Vpc), {@code blueprint} (the app's stacks, no gate), {@code gate} (the
 * app's stacks behind ComplianceGate with the six stock packs, plus the project's own pack when one exists; prints
 * each gated pack's time inside that synth).
 */
public final class BenchApp {
    private BenchApp() {
    }

    public static void main(final String[] args) throws Exception {
        long mainStart = System.nanoTime();
        String mode = args.length > 0 ? args[0] : "gate";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("jvm_to_main_ms", ManagementFactory.getRuntimeMXBean().getUptime());

        App app = new App();
        out.put("app_ms", ms(mainStart));
        Optional<OwnPack> own = OwnPack.find();
        out.put("own_pack", own.map(OwnPack::name).orElse("n/a"));
        long t = System.nanoTime();
        List<Stack> stacks = new ArrayList<>();
        ComplianceGate gate = null;
        if ("floor".equals(mode)) {
            // One plain VPC; BENCH_FLOOR_VPCS=N gives N stacks of one plain VPC each (the floor's own slope).
            int vpcs = Integer.parseInt(Optional.ofNullable(System.getenv("BENCH_FLOOR_VPCS")).orElse("1"));
            for (int i = 1; i <= vpcs; i++) {
                Stack stack = new Stack(app, i == 1 ? "BenchFloor" : "BenchFloor" + i);
                new Vpc(stack, "Vpc");
                stacks.add(stack);
            }
        } else {
            // The whole blueprint as the app builds it: a network stack per environment, plus the audit and
            // detection stacks of their account and region. The gate (when measured) is the app's own
            // (ComplianceGate.applyTo: the project's pack, the six stock packs and CloudFormation checks).
            BlueprintApp.Result built = BlueprintApp.buildStacks(app);
            stacks.addAll(built.stacks());
            stacks.addAll(built.auditStacks());
            stacks.addAll(built.detectionStacks());
            stacks.addAll(built.connectivityStacks());
            if ("gate".equals(mode)) {
                gate = ComplianceGate.applyTo(app);
            }
        }
        out.put("stacks", stacks.size());
        out.put("build_ms", ms(t));

        t = System.nanoTime();
        CloudAssembly assembly;
        try {
            assembly = gate != null ? gate.synth(app) : app.synth();
        } catch (RuntimeException e) {
            // Give jsii's stderr forwarding time to pass on node's own error before the JVM exits.
            Thread.sleep(3000);
            throw e;
        }
        out.put("synth_ms", ms(t));
        List<StackLimits.Usage> usages = StackLimits.measure(assembly);
        StackLimits.largest(usages).ifPresent(u -> {
            out.put("largest_stack", u.stackName());
            out.put("largest_resources", u.resources());
            out.put("largest_bytes", u.templateBytes());
        });
        out.put("within_limits", usages.stream().allMatch(StackLimits.Usage::withinLimits));
        if (gate != null) {
            // Each pack's time inside this synth, by the gate's own clock (GatedPack.getElapsedMillis).
            for (GatedPack pack : gate.getPacks()) {
                out.put("pack[" + pack.getName() + "]_ms", pack.getElapsedMillis());
            }
            // The gate's own time (every pack + CloudFormation validation, its cache included) and the cache's work.
            out.put("gate_ms", gate.getValidationMillis());
            out.put("cfn_ms", gate.getCloudFormationMillis());
            if (gate.getCacheStats() != null) {
                out.put("cache_hits", gate.getCacheStats().hits());
                out.put("cache_misses", gate.getCacheStats().misses());
                out.put("cache_rejected", gate.getCacheStats().rejected());
            }
            boolean passed = gate.verdicts().values().stream().allMatch(v -> v == null || v.passed());
            out.put("gate", passed ? "PASS" : "FAIL");
        }
        out.put("main_ms", ms(mainStart));
        out.put("jvm_hwm_kb", hwmKb(ProcessHandle.current().pid()));
        out.put("node_hwm_kb", ProcessHandle.current().descendants().mapToLong(h -> hwmKb(h.pid())).sum());
        out.put("jvm_cpu_ms", cpuMs(ProcessHandle.current().pid()));
        out.put("node_cpu_ms", ProcessHandle.current().descendants().mapToLong(h -> cpuMs(h.pid())).sum());
        StringBuilder line = new StringBuilder("BENCH");
        out.forEach((k, v) -> line.append(' ').append(k).append('=').append(String.valueOf(v).replace(' ', '_')));
        System.out.println(line);
        System.out.flush();
        System.exit(0);
    }

    private static long ms(final long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000L;
    }

    /** User + system CPU time of a process so far (from /proc/PID/stat, clock ticks of 10 ms), 0 if unreadable. */
    private static long cpuMs(final long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Peak resident set size of a process (VmHWM), 0 if unreadable. */
    private static long hwmKb(final long pid) {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * The project's own cdk-nag pack, found without naming it: {@code BENCH_OWN_PACK} (a class name, or
     * {@code none}), else the one concrete {@link NagPack} subclass compiled under {@code io/securevpc} in the
     * classes directory given by the system property {@code bench.classes}.
     */
    record OwnPack(String name, Function<IConstruct, NagPack> factory) {
        static Optional<OwnPack> find() throws IOException {
            String forced = System.getenv("BENCH_OWN_PACK");
            if ("none".equals(forced)) {
                return Optional.empty();
            }
            List<String> candidates = new ArrayList<>();
            if (forced != null && !forced.isBlank()) {
                candidates.add(forced);
            } else {
                String dir = System.getProperty("bench.classes");
                if (dir == null) {
                    return Optional.empty();
                }
                Path root = Paths.get(dir);
                Path base = root.resolve("io/securevpc");
                if (!Files.isDirectory(base)) {
                    return Optional.empty();
                }
                try (Stream<Path> files = Files.walk(base)) {
                    files.map(p -> root.relativize(p).toString())
                            .filter(n -> n.endsWith(".class") && !n.contains("$"))
                            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                            .forEach(candidates::add);
                }
            }
            for (String name : candidates) {
                Optional<OwnPack> pack = load(name);
                if (pack.isPresent()) {
                    return pack;
                }
            }
            return Optional.empty();
        }

        private static Optional<OwnPack> load(final String className) {
            try {
                Class<?> c = Class.forName(className, false, BenchApp.class.getClassLoader());
                if (!NagPack.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())
                        || !Modifier.isPublic(c.getModifiers())) {
                    return Optional.empty();
                }
                for (Constructor<?> k : c.getConstructors()) {
                    Class<?>[] params = k.getParameterTypes();
                    if (params.length >= 1 && params[0].isAssignableFrom(App.class)) {
                        return Optional.of(new OwnPack(c.getSimpleName(), scope -> {
                            Object[] values = new Object[params.length];
                            values[0] = scope;
                            try {
                                return (NagPack) k.newInstance(values);
                            } catch (ReflectiveOperationException e) {
                                throw new IllegalStateException("Cannot create " + className, e);
                            }
                        }));
                    }
                }
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
    }
}
