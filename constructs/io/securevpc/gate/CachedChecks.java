package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The gate's checks through its cache ({@link GateCache}): the stock packs and CloudFormation validation run only on
 * the stacks whose entry is missing or cannot be trusted, their findings on the others read from the cache, and the
 * whole handed to the gate as one run's findings, in the same order. The gate judges them as fresh ones
 * ({@link GatedPack#judge}, {@link AcknowledgementJudge}).
 */
final class CachedChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<GatedPack> packs;
    private final Set<GatedPack> cached;
    /** Null when the cache is off: then only {@link #validateCloudFormation} is used, with the worker. */
    private final @Nullable GateCache cache;
    private final String options;
    /** SHA-256 of each template's bytes, since reset. */
    private final Map<Path, String> templateHashes = new HashMap<>();

    /**
     * @param packs every pack of the gate, in order
     * @param cached those whose findings are cached (the stock packs: their version names their rules)
     * @param options the gate's options, part of every key
     */
    CachedChecks(final List<GatedPack> packs, final Set<GatedPack> cached, final @Nullable GateCache cache,
                 final String options) {
        this.packs = List.copyOf(packs);
        this.cached = Set.copyOf(cached);
        this.cache = cache;
        this.options = options;
    }

    /** Forgets the templates' hashes and the cache's counts: before each synth. */
    /** Templates whose CloudFormation findings came from the worker since reset. */
    private int workerAnswers;
    /** Templates CloudFormation validation checked (cache misses) since reset. */
    private int cloudFormationChecked;
    /** Time spent waiting for the worker's answers since reset. */
    private long workerWaitNanos;

    /** @return templates validated since reset, by the worker, and the time waited for it (ms): for the time line. */
    int[] workerStats() {
        return new int[] {workerAnswers, cloudFormationChecked, (int) (workerWaitNanos / 1_000_000)};
    }

    void reset() {
        workerAnswers = 0;
        cloudFormationChecked = 0;
        workerWaitNanos = 0;
        templateHashes.clear();
        if (cache != null) {
            cache.resetStats();
        }
    }

    /** One stack of a validation call: its construct, its template (as a path and as CDK names it), its path. */
    record StackRef(Stack stack, Path template, String templatePath, String constructPath) {
    }

    /** The stacks of the call in the order of the context, each with its {@link Stack} from {@code byTemplate}. */
    private static List<StackRef> refs(final IPolicyValidationContext context, final Map<Path, Stack> byTemplate) {
        List<StackRef> refs = new ArrayList<>();
        for (PolicyValidationStack s : context.getStackTemplates()) {
            Path template = Paths.get(s.getTemplatePath()).toAbsolutePath().normalize();
            refs.add(new StackRef(byTemplate.get(template), template, s.getTemplatePath(), s.getStackConstructPath()));
        }
        return refs;
    }

    /** @return the SHA-256 of the template's bytes, read once per synth. */
    private String templateHash(final Path template) {
        return templateHashes.computeIfAbsent(template, t -> {
            try {
                return GateCache.sha256(Files.readAllBytes(t));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + t, e);
            }
        });
    }

    /**
     * The parts of a cache key common to every check of a stack: the template's content, the stack, the construct
     * path of every logical id, the acknowledgements that apply to it (on its constructs, the app and its stages),
     * the gate's options and the versions of cdk-nag, aws-cdk-lib and the gate's own code.
     */
    private Map<String, Object> keyOf(final String kind, final StackRef ref, final AcknowledgementInventory inventory) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kind", kind);
        key.put("template", templateHash(ref.template()));
        key.put("templateFile", String.valueOf(ref.template().getFileName()));
        key.put("stack", ref.constructPath());
        key.put("logicalIds", GateCache.sha256(GateCache.key(new TreeMap<>(inventory.logicalIdPaths(ref.template())))
                .getBytes(StandardCharsets.UTF_8)));
        StringBuilder acks = new StringBuilder();
        for (AcknowledgementInventory.Entry e : inventory.entries()) {
            if (e.template() == null || e.template().equals(ref.template())) {
                acks.append(e.rule()).append('\u0000').append(e.path()).append('\u0000').append(e.reason())
                        .append('\u0000').append(e.source()).append('\u0000').append(e.by()).append('\u0000')
                        .append(e.scope()).append('\u0000').append(e.template() == null ? "" : "stack").append('\n');
            }
        }
        key.put("acknowledgements", GateCache.sha256(acks.toString().getBytes(StandardCharsets.UTF_8)));
        key.put("options", options);
        key.put("cdkNag", GateCache.artifactVersion("io.github.cdklabs", "cdknag"));
        key.put("awsCdkLib", GateCache.artifactVersion("software.amazon.awscdk", "aws-cdk-lib"));
        key.put("code", GateCache.codeHash());
        return key;
    }

    /**
     * The stock packs' findings per stack, from the cache where an entry of the stack's key is trusted and fresh
     * otherwise (fresh ones stored), then judged by each pack as one run; the other packs run as without a cache.
     * A stack with a nested stack is never cached: its findings span templates its key does not name.
     */
    List<PolicyViolation> check(final IPolicyValidationContext context, final Map<Path, Stack> byTemplate,
                                final DeployedResources deployed, final AcknowledgementInventory inventory) {
        List<StackRef> refs = refs(context, byTemplate);
        List<Stack> stacks = refs.stream().map(StackRef::stack).toList();
        List<String> keys = new ArrayList<>();
        List<JsonNode> hits = new ArrayList<>();
        List<StackRef> missed = new ArrayList<>();
        List<GatedPack> cachedPacks = packs.stream().filter(cached::contains).toList();
        for (StackRef ref : refs) {
            String key = null;
            JsonNode hit = null;
            if (!cachedPacks.isEmpty() && !deployed.hasNested(ref.template())) {
                Map<String, Object> parts = keyOf("packs", ref, inventory);
                parts.put("packs", cachedPacks.stream().map(GatedPack::getName).toList());
                List<Object> targets = new ArrayList<>();
                deployed.targetsOf(ref.template()).forEach(t -> targets.add(List.of(t.logicalId(), t.type(),
                        String.valueOf(t.constructPath()), t.acknowledgements())));
                parts.put("untyped", targets);
                key = GateCache.key(parts);
                hit = cache.read(key);
            }
            keys.add(key);
            hits.add(hit);
            if (hit == null) {
                missed.add(ref);
            }
        }
        Set<Path> missedTemplates = new HashSet<>();
        missed.forEach(r -> missedTemplates.add(r.template()));
        DeployedResources missedDeployed = deployed.only(missedTemplates);
        List<Stack> missedStacks = missed.stream().map(StackRef::stack).toList();
        List<ObjectNode> fresh = new ArrayList<>();
        missed.forEach(r -> fresh.add(JSON.createObjectNode()));
        List<PolicyViolation> violations = new ArrayList<>();
        for (GatedPack pack : packs) {
            if (!cached.contains(pack)) {
                violations.addAll(pack.check(stacks, deployed).getViolations());
                continue;
            }
            long start = System.nanoTime();
            List<List<PolicyViolation>> tree = ValidationReports.validatePerScope(pack.getPack(), missedStacks,
                    stacks.get(0));
            Map<String, List<PolicyViolation>> untyped = byTemplate(missedDeployed.validate(pack.getPack()));
            List<PolicyViolation> all = new ArrayList<>();
            List<PolicyViolation> allUntyped = new ArrayList<>();
            int m = 0;
            for (int i = 0; i < refs.size(); i++) {
                StackRef ref = refs.get(i);
                if (hits.get(i) != null) {
                    JsonNode entry = hits.get(i).path(pack.getName());
                    all.addAll(GateCache.fromJson(entry.path("tree"), ref.templatePath()));
                    allUntyped.addAll(GateCache.fromJson(entry.path("untyped"), ref.templatePath()));
                    continue;
                }
                List<PolicyViolation> ofTree = tree.get(m);
                List<PolicyViolation> ofUntyped = untyped.getOrDefault(ref.template().toString(), List.of());
                all.addAll(ofTree);
                allUntyped.addAll(ofUntyped);
                ObjectNode entry = fresh.get(m).putObject(pack.getName());
                entry.set("tree", GateCache.toJson(ofTree, ref.templatePath()));
                entry.set("untyped", GateCache.toJson(ofUntyped, ref.templatePath()));
                m++;
            }
            // findings on templates outside the call's stacks (none expected) are kept, never dropped
            Set<String> known = new HashSet<>();
            missed.forEach(r -> known.add(r.template().toString()));
            untyped.forEach((t, v) -> {
                if (!known.contains(t)) {
                    allUntyped.addAll(v);
                }
            });
            all.addAll(allUntyped);
            violations.addAll(pack.judge(stacks.size(), all, start).getViolations());
        }
        int m = 0;
        for (int i = 0; i < refs.size(); i++) {
            if (hits.get(i) == null) {
                if (keys.get(i) != null) {
                    cache.write(keys.get(i), fresh.get(m));
                }
                m++;
            }
        }
        return violations;
    }

    /** The violations split by the template of their resources (a violation on several templates split in parts). */
    private static Map<String, List<PolicyViolation>> byTemplate(final List<PolicyViolation> violations) {
        Map<String, List<PolicyViolation>> out = new LinkedHashMap<>();
        for (PolicyViolation v : violations) {
            Map<String, List<PolicyViolatingResource>> parts = new LinkedHashMap<>();
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                String t = Paths.get(String.valueOf(r.getTemplatePath())).toAbsolutePath().normalize().toString();
                parts.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            }
            parts.forEach((t, resources) -> out.computeIfAbsent(t, k -> new ArrayList<>()).add(parts.size() == 1 ? v
                    : PolicyViolation.builder().ruleName(v.getRuleName()).description(v.getDescription())
                    .severity(v.getSeverity()).fix(v.getFix()).ruleMetadata(v.getRuleMetadata())
                    .violatingResources(resources).build()));
        }
        return out;
    }

    /**
     * Queue length above which CloudFormation validation validates in the jsii process too while its engine there is
     * cold: its start and first-call rule compilation (about 3.5 s) cost as much as some six templates in a warm
     * worker (about 0.6 s each for the blueprint's network stacks).
     */
    private static final int COLD_QUEUE = 6;
    /** Whether the jsii process's CloudFormation validator has validated a template in this JVM (is warm). */
    private static boolean warmHere;

    private static List<PolicyViolation> validateHere(final Supplier<IPolicyValidationPlugin> inner,
                                                      final IConstruct app,
                                                      final StackRef ref, final String account, final String region,
                                                      final Stack resolver) {
        List<PolicyViolation> found = ValidationReports.validate(inner.get(), new OneStack(app, ref, account, region),
                resolver).getViolations();
        warmHere = true;
        return found;
    }

    /**
     * The cache key of a template's CloudFormation findings. The validator is named by aws-cdk-lib's version (part of
     * every key), which bundles it, so the key is known without starting it.
     */
    private String cloudFormationKey(final IPolicyValidationContext context, final StackRef ref,
                                     final AcknowledgementInventory inventory) {
        Map<String, Object> parts = keyOf("cloudformation", ref, inventory);
        parts.put("validator", "CloudFormation Validate (aws-cdk-lib)");
        parts.put("account", String.valueOf(context.getAccountId()));
        parts.put("region", String.valueOf(context.getRegion()));
        return GateCache.key(parts);
    }

    private CloudFormationWorker.Job job(final IPolicyValidationContext context, final StackRef ref) {
        return new CloudFormationWorker.Job(templateHash(ref.template()), ref.constructPath(), ref.templatePath(),
                context.getAccountId(), context.getRegion());
    }

    /**
     * The templates of the call whose CloudFormation findings are not cached, to hand to the worker while the packs
     * run; the cache's counts are left alone ({@link GateCache#has}).
     */
    List<CloudFormationWorker.Job> cloudFormationJobs(final IPolicyValidationContext context,
                                                      final Map<Path, Stack> byTemplate,
                                                      final AcknowledgementInventory inventory) {
        List<CloudFormationWorker.Job> jobs = new ArrayList<>();
        for (StackRef ref : refs(context, byTemplate)) {
            if (cache == null || !cache.has(cloudFormationKey(context, ref, inventory))) {
                jobs.add(job(context, ref));
            }
        }
        return jobs;
    }

    /**
     * CloudFormation validation's findings per template, from the cache where an entry of the stack's key is trusted
     * (when the cache is on) and by validating that template alone otherwise (stored): by the worker when it has
     * answered or is validating it ({@link CloudFormationWorker#claim}), else in the jsii process. Merged across
     * templates as CDK's plugin merges them in one call (by rule and severity, in the order of the context's
     * stacks): the same report as one call.
     *
     * @param worker the second validator, or {@code null}
     */
    List<PolicyViolation> validateCloudFormation(final IPolicyValidationContext context,
                                                 final Supplier<IPolicyValidationPlugin> inner, final Stack resolver,
                                                 final Map<Path, Stack> byTemplate,
                                                 final AcknowledgementInventory inventory,
                                                 final @Nullable CloudFormationWorker worker) {
        String account = context.getAccountId();
        String region = context.getRegion();
        IConstruct app = context.getAppConstruct();
        List<StackRef> refs = refs(context, byTemplate);
        List<List<PolicyViolation>> found = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            StackRef ref = refs.get(i);
            String key = cache == null ? null : cloudFormationKey(context, ref, inventory);
            JsonNode hit = key == null ? null : cache.read(key);
            keys.add(hit == null ? key : null); // stored after validation: the misses only
            found.add(hit == null ? null : GateCache.fromJson(hit, ref.templatePath()));
            if (hit == null) {
                open.add(i);
                cloudFormationChecked++;
            }
        }
        if (worker != null) {
            List<CloudFormationWorker.Job> jobs = open.stream().map(i -> job(context, refs.get(i))).toList();
            worker.submit(jobs);
            // the worker takes from the back: this call's templates first, its last one first (this process takes
            // from the front when the queue is long)
            worker.prioritize(jobs);
        }
        while (!open.isEmpty()) {
            // the worker's answers; what it will not answer (gone, or never queued) is validated here
            for (java.util.Iterator<Integer> it = open.iterator(); it.hasNext();) {
                int i = it.next();
                StackRef ref = refs.get(i);
                JsonNode answer = worker == null ? null : worker.answer(job(context, ref)).orElse(null);
                if (answer != null) {
                    found.set(i, GateCache.fromJson(answer, ref.templatePath()));
                    workerAnswers++;
                    it.remove();
                } else if (worker == null || !worker.pending(job(context, ref))) {
                    found.set(i, validateHere(inner, app, ref, account, region, resolver));
                    it.remove();
                }
            }
            if (open.isEmpty()) {
                break;
            }
            // a long queue: this process takes the front one too (its own engine start is worth it only then)
            if (worker.queued() > (warmHere ? 1 : COLD_QUEUE)) {
                int first = open.stream().filter(i -> worker.unqueue(job(context, refs.get(i)))).findFirst()
                        .orElse(-1);
                if (first >= 0) {
                    found.set(first, validateHere(inner, app, refs.get(first), account, region, resolver));
                    open.remove(Integer.valueOf(first));
                    continue;
                }
            }
            long start = System.nanoTime();
            worker.awaitProgress();
            workerWaitNanos += System.nanoTime() - start;
        }
        Map<String, List<PolicyViolation>> merged = new LinkedHashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            if (keys.get(i) != null) {
                cache.write(keys.get(i), GateCache.toJson(found.get(i), refs.get(i).templatePath()));
            }
            for (PolicyViolation v : found.get(i)) {
                merged.computeIfAbsent(v.getRuleName() + "\u0000" + v.getSeverity(), k -> new ArrayList<>()).add(v);
            }
        }
        List<PolicyViolation> out = new ArrayList<>();
        merged.forEach((rule, parts) -> {
            PolicyViolation first = parts.get(0);
            List<PolicyViolatingResource> resources = new ArrayList<>();
            parts.forEach(p -> resources.addAll(p.getViolatingResources()));
            out.add(parts.size() == 1 ? first : PolicyViolation.builder().ruleName(first.getRuleName())
                    .description(first.getDescription()).severity(first.getSeverity()).fix(first.getFix())
                    .ruleMetadata(first.getRuleMetadata()).violatingResources(resources).build());
        });
        return out;
    }

    /** A validation context of one stack of another context, for validating one template alone. */
    static final class OneStack implements IPolicyValidationContext {
        private final IConstruct app;
        private final StackRef ref;
        private final String account;
        private final String region;

        OneStack(final IConstruct app, final StackRef ref, final String account, final String region) {
            this.app = app;
            this.ref = ref;
            this.account = account;
            this.region = region;
        }

        @Override
        public @NotNull IConstruct getAppConstruct() {
            return app;
        }

        @Override
        public @NotNull List<PolicyValidationStack> getStackTemplates() {
            return List.of(PolicyValidationStack.builder().stackConstructPath(ref.constructPath())
                    .templatePath(ref.templatePath()).build());
        }

        @Override
        public @NotNull List<String> getTemplatePaths() {
            return List.of(ref.templatePath());
        }

        @Override
        public String getAccountId() {
            return account;
        }

        @Override
        public String getRegion() {
            return region;
        }
    }
}
