package io.securevpc.gate;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R4Checks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPack;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.gate.report.SynthReport;
import io.securevpc.nag.BlueprintChecks;
import io.securevpc.nag.model.AppTemplates;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CloudFormationValidatePlugin;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.constructs.IConstruct;

/**
 * The synth-time compliance gate: cdk-nag packs and CloudFormation's own template checks, registered on an
 * app in one call, failing synth on any unacknowledged error.
 *
 * <pre>
 * App app = new App();
 * // ... stacks ...
 * ComplianceGate gate = ComplianceGate.applyTo(app);   // BlueprintChecks + all six stock packs + CloudFormation checks
 * app.synth();
 * </pre>
 *
 * Each pack runs once per stack (see {@link GatedPack}); warnings are reported but do not fail synth.
 * {@link #synth(App)} prints one verdict line per plugin, since CDK's report omits plugins that found nothing.
 * CloudFormation validation reports only warnings unless the app's context sets the feature flag
 * {@code @aws-cdk/core:validateAgainstDefaultRules} to true (this repository's {@code cdk.json} does).
 */
public final class ComplianceGate {
    /** The stock cdk-nag v3 packs. */
    public enum StockPack {
        AWS_SOLUTIONS(AwsSolutionsChecks::new),
        NIST_800_53_R4(NIST80053R4Checks::new),
        NIST_800_53_R5(NIST80053R5Checks::new),
        HIPAA_SECURITY(HIPAASecurityChecks::new),
        PCI_DSS_321(PCIDSS321Checks::new),
        SERVERLESS(ServerlessChecks::new);

        private final Function<IConstruct, NagPack> factory;

        StockPack(final Function<IConstruct, NagPack> factory) {
            this.factory = factory;
        }

        NagPack create(final IConstruct scope) {
            return factory.apply(scope);
        }
    }

    /**
     * Which stock packs run beside the project's pack. {@code BASELINE} is AWS Solutions (general best
     * practice); the others are the compliance frameworks, each with AWS Solutions.
     */
    public enum Profile {
        BASELINE(StockPack.AWS_SOLUTIONS),
        NIST_800_53_R5(StockPack.AWS_SOLUTIONS, StockPack.NIST_800_53_R5),
        HIPAA(StockPack.AWS_SOLUTIONS, StockPack.HIPAA_SECURITY),
        PCI_DSS(StockPack.AWS_SOLUTIONS, StockPack.PCI_DSS_321),
        /** Every stock pack: what {@link ComplianceGate#applyTo(App)} uses. */
        ALL(StockPack.values());

        private final List<StockPack> packs;

        Profile(final StockPack... packs) {
            this.packs = List.of(packs);
        }

        public @NotNull List<StockPack> stockPacks() {
            return packs;
        }
    }

    private final List<GatedPack> packs;
    private final GatePlugin plugin;
    private final List<String> pluginNames;
    private final PrintStream summaryStream;
    private final boolean writeReport;

    private ComplianceGate(final List<GatedPack> packs, final GatePlugin plugin, final List<String> pluginNames,
                           final PrintStream summaryStream, final boolean writeReport) {
        this.packs = List.copyOf(packs);
        this.plugin = plugin;
        this.pluginNames = List.copyOf(pluginNames);
        this.summaryStream = summaryStream;
        this.writeReport = writeReport;
    }

    private List<ManagedPolicySizes.Size> policySizes = List.of();
    private List<ServiceQuotas.Usage> quotas = List.of();

    /**
     * @return the gate's report of the last synth (per rule and resource verdicts, findings of every pack, the size
     *     of every managed IAM policy)
     */
    public @NotNull ComplianceReport report() {
        return ComplianceReport.of(packs, policySizes, acknowledgements(), quotas);
    }

    /**
     * @return every acknowledgement of the stacks checked at the last synth, with who made it, where, and the gate's
     *     verdict on it (empty before synth)
     */
    public @NotNull List<AcknowledgementReport> acknowledgements() {
        return plugin.getAcknowledgements().stream().map(e -> new AcknowledgementReport(e, plugin.problemsOf(e),
                plugin.coveredBy(e))).toList();
    }

    /** @return the size of every managed IAM policy of the app at the last synth ({@link ManagedPolicySizes}). */
    public @NotNull List<ManagedPolicySizes.Size> getPolicySizes() {
        return policySizes;
    }

    /**
     * Synthesizes the app, then prints one verdict line per pack (after acknowledgements) and one for
     * CloudFormation's checks, read from CDK's validation report, whether synth passed or failed. CDK's own
     * report leaves out plugins that found nothing; here they show as PASS.
     */
    public @NotNull CloudAssembly synth(final @NotNull App app) {
        // Read before synth: if synth kills the JavaScript side, the original error must not be replaced.
        Path outdir = Paths.get(app.getOutdir());
        plugin.reset();
        try {
            policySizes = List.of();
            quotas = List.of();
            CloudAssembly assembly = app.synth();
            if (plugin.getFailure() != null) {
                throw new IllegalStateException("The compliance gate could not run, so no stack was checked: "
                        + plugin.getFailure(), plugin.getFailure());
            }
            AppTemplates templates = templates(outdir);
            policySizes = ManagedPolicySizes.measure(templates);
            quotas = ServiceQuotas.measure(templates);
            ManagedPolicySizes.check(policySizes);
            ServiceQuotas.check(quotas);
            return assembly;
        } finally {
            if (writeReport) {
                ComplianceReport report = report();
                report.write(outdir);
                writeSynthReport(outdir, report);
            }
            if (summaryStream != null) {
                GateLines.summary(packs, plugin.getFailure()).forEach(summaryStream::println);
                GateSummary.read(outdir.resolve(GateSummary.REPORT_FILE),
                                pluginNames.subList(packs.size(), pluginNames.size()))
                        .forEach(line -> summaryStream.println(PREFIX + line.render()));
                GateLines.policyLines(quotas, policySizes).forEach(summaryStream::println);
                GateLines.acknowledgementLines(acknowledgements(), plugin.refusesBroadAcknowledgements())
                        .forEach(summaryStream::println);
                StringBuilder times = new StringBuilder(PREFIX + "validation time:");
                packs.forEach(p -> times.append(' ').append(p.getName()).append('=').append(p.getElapsedMillis()).append("ms"));
                if (pluginNames.size() > packs.size()) {
                    times.append(" CloudFormation=").append(plugin.getCloudFormationMillis()).append("ms");
                    int[] worker = plugin.workerStats();
                    if (worker != null) {
                        times.append(" (second process: ").append(worker[0]).append(" of ").append(worker[1])
                                .append(" templates, waited ").append(worker[2]).append("ms)");
                    }
                }
                if (plugin.getCache() != null) {
                    times.append("; cache: ").append(plugin.getCache().stats().render());
                }
                summaryStream.println(times);
                if (writeReport) {
                    summaryStream.println(PREFIX + "report: " + outdir.resolve(ComplianceReport.TEXT_FILE) + ", "
                            + synthReportLine);
                }
            }
        }
    }

    private String synthReportLine = "";

    /**
     * Writes the synth report ({@link SynthReport}) and times it. It informs and does not judge: when it cannot be
     * written (e.g. synth failed before the templates were), the gate's line says why and synth goes on.
     */
    private void writeSynthReport(final Path outdir, final ComplianceReport report) {
        long start = System.nanoTime();
        try {
            Path dir = SynthReport.write(outdir, report.json(), templates(outdir));
            synthReportLine = dir.resolve(SynthReport.HTML_FILE) + " (" + (System.nanoTime() - start) / 1_000_000
                    + " ms)";
        } catch (RuntimeException e) {
            synthReportLine = "synth report not written: " + e.getMessage();
        }
    }

    /** @return the app's templates as the project's pack read them, or read from the assembly. */
    private AppTemplates templates(final Path outdir) {
        return packs.stream().map(GatedPack::getPack).filter(BlueprintChecks.class::isInstance)
                .map(p -> ((BlueprintChecks) p).getTemplates()).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> AppTemplates.fromAssembly(outdir));
    }

    /** What the gate prints at every synth when built with {@link Builder#allowBroadAcknowledgements()}. */
    static final String ALLOW_BROAD_WARNING = "WARNING acknowledgements are not judged: allowBroadAcknowledgements() "
            + "reports an acknowledgement on a stack or group of constructs, a bare id of a rule with granular "
            + "findings, or a short reason as a warning instead of failing synth";

    /** Prefix of every line the gate prints. */
    static final String PREFIX = "[compliance-gate] ";



    /** @return the service quotas measured at the last synth ({@link ServiceQuotas}). */
    public @NotNull List<ServiceQuotas.Usage> getQuotas() {
        return quotas;
    }


    /** @return the names of every registered plugin, in order. */
    public @NotNull List<String> getPluginNames() {
        return pluginNames;
    }

    /**
     * Applies the project's pack ({@link BlueprintChecks}), every stock pack and CloudFormation validation to the
     * app, printing verdicts to stderr.
     */
    public static @NotNull ComplianceGate applyTo(final @NotNull App app) {
        return builder().build(app);
    }

    public static @NotNull Builder builder() {
        return new Builder();
    }

    /** @return the gated packs, in the order they run. */
    public @NotNull List<GatedPack> getPacks() {
        return packs;
    }

    /** @return each pack's last verdict by pack name (empty before synth). */
    public @NotNull Map<String, GatedPack.Verdict> verdicts() {
        Map<String, GatedPack.Verdict> result = new LinkedHashMap<>();
        packs.forEach(p -> result.put(p.getName(), p.getLastVerdict()));
        return Collections.unmodifiableMap(result);
    }

    /**
     * @return what the gate's cache did at the last synth (checks reused, checks run, entries rejected), or
     *     {@code null} when the cache is off
     */
    public CacheStats getCacheStats() {
        return plugin.getCache() == null ? null : plugin.getCache().stats();
    }

    /** @return the directory of the gate's cache, or {@code null} when the cache is off. */
    public Path getCacheDirectory() {
        return plugin.getCache() == null ? null : plugin.getCache().directory();
    }

    /**
     * @return the gate's own time at the last synth, in milliseconds: every pack's validation (the cache's reads and
     *     writes included) plus CloudFormation validation
     */
    public long getValidationMillis() {
        return plugin.getPacksMillis() + plugin.getCloudFormationMillis();
    }

    /** @return the time of CloudFormation validation at the last synth (the cache's included), in milliseconds. */
    public long getCloudFormationMillis() {
        return plugin.getCloudFormationMillis();
    }

    /** Builder of a {@link ComplianceGate}. */
    public static final class Builder {
        private List<StockPack> stockPacks = List.of(StockPack.values());
        private boolean blueprintChecks = true;
        private Baseline baseline;
        private boolean report = true;
        private final List<Function<IConstruct, NagPack>> extraPacks = new ArrayList<>();
        private boolean cloudFormationValidation = true;
        private PrintStream verdictStream = System.err;
        private boolean refuseBroadAcknowledgements = true;
        private Boolean cache;
        private Path cacheDirectory;

        /**
         * Opt-out, for adopting the gate in an app with older acknowledgements: an acknowledgement the gate refuses
         * (not on one resource, a bare id of a rule with granular findings, a reason under 40 characters) is
         * reported as a warning ({@value AcknowledgementJudge#REFUSED_RULE}) instead of failing synth, and the gate
         * prints a warning at every synth. {@code @default} refused acknowledgements fail synth
         */
        public Builder allowBroadAcknowledgements() {
            this.refuseBroadAcknowledgements = false;
            return this;
        }

        /** @param packs the stock packs to run. {@code @default} all six */
        public Builder stockPacks(final @NotNull List<StockPack> packs) {
            this.stockPacks = List.copyOf(packs);
            return this;
        }

        /** @param profile the stock packs of a profile (replaces {@link #stockPacks}). {@code @default} ALL */
        public Builder profile(final @NotNull Profile profile) {
            this.stockPacks = profile.stockPacks();
            return this;
        }

        /**
         * Baseline mode: findings listed in the committed findings file are reported as baselined and do not fail
         * synth; only new ones do. The file is read here ({@link Baseline#read}: a missing file or one that is not
         * a baseline is an {@code SVPC-023} error). {@code @default} none
         */
        public Builder baseline(final @NotNull Path findingsFile) {
            this.baseline = Baseline.read(findingsFile);
            return this;
        }

        /**
         * @param enabled write {@value ComplianceReport#JSON_FILE}, {@value ComplianceReport#TEXT_FILE} and the synth
         *     report ({@link SynthReport}, {@value SynthReport#DIRECTORY}/) at synth. {@code @default} true
         */
        public Builder report(final boolean enabled) {
            this.report = enabled;
            return this;
        }

        /** @param enabled run the project's own pack, {@link BlueprintChecks}. {@code @default} true */
        public Builder blueprintChecks(final boolean enabled) {
            this.blueprintChecks = enabled;
            return this;
        }

        /** Adds a pack of one's own (e.g. the project's pack), created with the app as scope. */
        public Builder addPack(final @NotNull Function<IConstruct, NagPack> factory) {
            this.extraPacks.add(Objects.requireNonNull(factory));
            return this;
        }

        /**
         * Reuse the stock packs' and CloudFormation validation's findings on a stack whose template, acknowledgements
         * and checks are unchanged since an earlier synth ({@link GateCache}: keyed by the template's SHA-256, the
         * stack, its acknowledgements, the gate's options and every check's version; an entry that is corrupted,
         * truncated or of another key is ignored and the stack checked again). Findings are judged afresh at every
         * synth, so a cached error still fails it. Overrides the context key {@value GateCache#CONTEXT_KEY}.
         * {@code @default} the context key {@value GateCache#CONTEXT_KEY} ({@code true}/{@code false}) when set;
         * else on, except off when the environment variable {@code CI} is set (CI runs stay cold)
         */
        public Builder cache(final boolean enabled) {
            this.cache = enabled;
            return this;
        }

        /**
         * @param directory where the cache keeps its entries. {@code @default} the context key
         *     {@value GateCache#DIRECTORY_CONTEXT_KEY} when set, else {@value GateCache#DIRECTORY} in the app's output
         *     directory
         */
        public Builder cacheDirectory(final @NotNull Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory);
            return this;
        }

        /** @param enabled register CloudFormation's template validation. {@code @default} true */
        public Builder cloudFormationValidation(final boolean enabled) {
            this.cloudFormationValidation = enabled;
            return this;
        }

        /** @param stream where {@link ComplianceGate#synth(App)} prints verdicts; {@code null} for none. {@code @default} stderr */
        public Builder verdictStream(final PrintStream stream) {
            this.verdictStream = stream;
            return this;
        }

        /**
         * Registers the packs on the app and returns the gate.
         *
         * @throws BlueprintValidationException {@code SVPC-009} ({@link ErrorCode#CONFLICTING_PROPS}) when no pack
         *     would run (no {@link BlueprintChecks}, no stock pack, no pack of one's own): such a gate would pass any
         *     app, e.g. one with SSH open to the world
         */
        public @NotNull ComplianceGate build(final @NotNull App app) {
            if (!blueprintChecks && stockPacks.isEmpty() && extraPacks.isEmpty()) {
                throw new BlueprintValidationException(GateFiles.SCOPE, List.of(new BlueprintValidationException.Problem(
                        ErrorCode.CONFLICTING_PROPS, "blueprintChecks, stockPacks, addPack",
                        "false, [], none", "at least one pack: blueprintChecks(true) (the default), a stock pack "
                                + "(stockPacks or profile) or addPack; a gate with no pack checks nothing and "
                                + "passes every app")));
            }
            List<GatedPack> gated = new ArrayList<>();
            if (blueprintChecks) {
                gated.add(new GatedPack(new BlueprintChecks(app), baseline));
            }
            stockPacks.forEach(p -> gated.add(new GatedPack(p.create(app), baseline)));
            extraPacks.forEach(f -> gated.add(new GatedPack(f.apply(app), baseline)));
            List<IPolicyValidationPlugin> plugins = new ArrayList<>();
            GateCache gateCache = GateCache.of(app, cache, cacheDirectory);
            java.util.Set<GatedPack> cacheable = new java.util.HashSet<>(gated.subList(blueprintChecks ? 1 : 0,
                    (blueprintChecks ? 1 : 0) + stockPacks.size()));
            String options = "blueprintChecks=" + blueprintChecks + " stockPacks=" + stockPacks + " extraPacks="
                    + extraPacks.size() + " cloudFormationValidation=" + cloudFormationValidation
                    + " refuseBroadAcknowledgements=" + refuseBroadAcknowledgements + " baseline=" + (baseline != null);
            GatePlugin gatePlugin = new GatePlugin(gated, refuseBroadAcknowledgements, gateCache, cacheable, options);
            plugins.add(gatePlugin);
            List<String> names = new ArrayList<>();
            gated.forEach(p -> names.add(p.getName()));
            if (cloudFormationValidation) {
                CloudFormationValidatePlugin cfn = new ScopedCloudFormationValidation(gatePlugin);
                gatePlugin.useCloudFormationWorker(app);
                plugins.add(cfn);
                names.add(cfn.getName());
            }
            Validations.of(app).addPlugins(plugins.toArray(new IPolicyValidationPlugin[0]));

            return new ComplianceGate(gated, gatePlugin, names, verdictStream, report);
        }
    }
}
