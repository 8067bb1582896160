package io.securevpc.app;

import io.securevpc.BlueprintValidationException;
import io.securevpc.gate.ComplianceGate;
import io.securevpc.gate.StackLimits;
import io.securevpc.network.BlockPublicAccessMode;
import io.securevpc.network.VpcBlockPublicAccess;
import io.securevpc.network.VpcBlockPublicAccessProps;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * The deployable app: one {@link DeploymentStage} per account and region of the environments of the
 * {@code blueprint} context in {@code cdk.json}, holding one {@link NetworkStack} per environment, one
 * {@link AuditStack} and one {@link DetectionStack} (each network stack holds its own VPC's remediation, reporting to
 * its detection stack) and, when its environments are connected, one {@link ConnectivityStack}; every stack behind
 * the {@link ComplianceGate}, which runs the packs of the strictest {@link Profile} of the app.
 */
public final class BlueprintApp {
    private BlueprintApp() {
    }

    /**
     * Builds and synthesizes the app. An invalid configuration ({@link AppConfigException}) or construct props
     * ({@link BlueprintValidationException}) is printed to stderr as its list of problems, without a stack trace,
     * and the process exits with status {@value #INVALID_INPUT}; these are thrown while the app is built, before
     * synth writes anything. A synth that fails after writing its templates (a stack over a CloudFormation limit or
     * service quota, an error finding of the compliance gate) leaves no template behind ({@link FailedSynth}) and
     * exits with {@value #INVALID_INPUT} or {@value #GATE_FAILED}.
     */
    public static void main(final String[] args) {
        int status = run(App::new, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Exit status of {@link #main} when the configuration or a construct's props are invalid. */
    static final int INVALID_INPUT = 2;

    /** Exit status of {@link #main} when the compliance gate found an error (CDK's validation failed). */
    static final int GATE_FAILED = 1;

    private static final String GATE_FAILED_MESSAGE = "Synth failed: the compliance gate found errors (see its report "
            + "above); no template was kept in ";

    /**
     * What {@link #main} does, without exiting: builds the app that {@code newApp} makes, applies the gate,
     * synthesizes and checks the stacks' limits. When synth fails after writing templates, they are removed.
     *
     * @return 0; {@value #INVALID_INPUT} after printing the problems of an invalid configuration, invalid props or a
     *     limit crossed to {@code err}; {@value #GATE_FAILED} when the gate found an error (CDK printed its report)
     */
    static int run(final Supplier<App> newApp, final PrintStream err) {
        return run(newApp, app -> { }, err);
    }

    /** {@link #run(Supplier, PrintStream)}, calling {@code afterBuild} with the app once it is built. */
    static int run(final Supplier<App> newApp, final Consumer<App> afterBuild, final PrintStream err) {
        App app;
        Result result;
        try {
            app = newApp.get();
            result = build(app);
            afterBuild.accept(app);
        } catch (AppConfigException | BlueprintValidationException e) {
            err.println(e.getMessage());
            return INVALID_INPUT;
        }
        Path outdir = Paths.get(app.getOutdir());
        try {
            StackLimits.check(result.gate().synth(app));
            if (FailedSynth.validationFailed(outdir)) {
                FailedSynth.discard(outdir, "Validation failed: see " + outdir.resolve("validation-report.json"));
                err.println(GATE_FAILED_MESSAGE + outdir);
                return GATE_FAILED;
            }
            return 0;
        } catch (BlueprintValidationException e) {
            err.println(e.getMessage());
            FailedSynth.discard(outdir, e.getMessage());
            return INVALID_INPUT;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            FailedSynth.discard(outdir, message);
            if (message.contains("Validation failed")) {
                err.println(GATE_FAILED_MESSAGE + outdir);
                return GATE_FAILED;
            }
            throw e;
        }
    }

    /**
     * Builds every configured environment into the app and applies the gate with the packs of the app's strictest
     * profile; returns the stacks.
     */
    public static Result build(final App app) {
        Result stacks = buildStacks(app);
        return new Result(stacks.stages(), stacks.stacks(), stacks.auditStacks(), stacks.detectionStacks(),
                stacks.connectivityStacks(), stacks.profile(), stacks.profile().gate().build(app));
    }

    /**
     * Builds every configured environment into the app, without the gate (for measuring the gate's cost): one
     * {@link DeploymentStage} per account and region, in the order of their first environment.
     */
    public static Result buildStacks(final App app) {
        BlueprintConfig config = BlueprintConfig.parse(app.getNode().tryGetContext(BlueprintConfig.CONTEXT_KEY));
        seedAvailabilityZones(app, config);
        Map<String, List<EnvironmentConfig>> byPlace = new LinkedHashMap<>();
        for (EnvironmentConfig env : config.environments()) {
            byPlace.computeIfAbsent(accountRegion(env), k -> new ArrayList<>()).add(env);
        }
        // The account's home region is the region of its first environment in the whole configuration.
        List<AuditStack.Target> targets = AuditStack.Target.of(config.environments());
        Result all = new Result(List.of(), List.of(), List.of(), List.of(), List.of(), Profile.DEV, null);
        for (List<EnvironmentConfig> envs : byPlace.values()) {
            EnvironmentConfig first = envs.get(0);
            AuditStack.Target target = targets.stream().filter(t -> Objects.equals(t.account(), first.account())
                    && Objects.equals(t.region(), first.region())).findFirst().orElseThrow();
            all = all.plus(buildStage(app, config, envs, target));
        }
        buildOrganizationLogArchives(app, config, targets);
        if (config.stackSet() != null) {
            buildStackSets(app, config.stackSet());
        }
        return all;
    }

    /** The baseline StackSets, in the stage of the management account and region (created when no environment is there). */
    private static void buildStackSets(final App app, final StackSetConfig stackSet) {
        String stageName = DeploymentStage.name(stackSet.profile(), stackSet.account(), stackSet.region());
        DeploymentStage stage = app.getNode().tryFindChild(stageName) instanceof DeploymentStage existing ? existing
                : new DeploymentStage(app, stackSet.account(), stackSet.region(), stackSet.profile());
        new BaselineStackSets(stage, app, stackSet);
    }

    /** The account's organization trail, which any environment of the account may configure; {@code null}: none. */
    static OrganizationTrail organizationTrailOf(final BlueprintConfig config, final String account) {
        return config.environments().stream().filter(e -> Objects.equals(e.account(), account))
                .map(EnvironmentConfig::organizationTrail).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * One {@link OrganizationLogArchiveStack} per account with an organization trail, in the log archive account and
     * the trail account's home region, in that account and region's stage (created when no environment is there).
     */
    private static void buildOrganizationLogArchives(final App app, final BlueprintConfig config,
                                                     final List<AuditStack.Target> targets) {
        for (AuditStack.Target home : targets.stream().filter(AuditStack.Target::home).toList()) {
            OrganizationTrail trail = organizationTrailOf(config, home.account());
            if (trail == null) {
                continue;
            }
            Profile profile = config.environments().stream().filter(e -> Objects.equals(e.account(), home.account())
                    && Objects.equals(e.region(), home.region())).findFirst().orElseThrow().profile();
            String archiveAccount = trail.logArchive().accountId();
            String stageName = DeploymentStage.name(profile, archiveAccount, home.region());
            DeploymentStage stage = app.getNode().tryFindChild(stageName) instanceof DeploymentStage existing ? existing
                    : new DeploymentStage(app, archiveAccount, home.region(), profile);
            new OrganizationLogArchiveStack(stage, trail, home.account(), home.region(), profile);
        }
    }

    /** The stacks of one account and region, in their stage. */
    private static Result buildStage(final App app, final BlueprintConfig config, final List<EnvironmentConfig> envs,
                                     final AuditStack.Target target) {
        EnvironmentConfig first = envs.get(0);
        DeploymentStage stage = new DeploymentStage(app, first.account(), first.region(), first.profile());
        List<NetworkStack> stacks = new ArrayList<>();
        Map<String, NetworkStack> byName = new LinkedHashMap<>();
        for (EnvironmentConfig env : envs) {
            NetworkStack stack = new NetworkStack(stage, env, config.connectivity().needsTransitTier(env.name()));
            stacks.add(stack);
            byName.put(env.name(), stack);
        }
        List<ConnectivityStack> connectivity = connect(stage, config, byName);
        // Last: the operator roles and the permission boundary name every security group and endpoint of the stack,
        // the PrivateLink ones included.
        List<NetworkAccess> access = stacks.stream().map(NetworkAccess::new).toList();
        AlertSubscriptions alerts = alertsOf(config, first.account(), first.region());
        AuditStack audit = new AuditStack(stage, target, stage.getProfile(), alerts,
                existingBaselineOf(config, first.account(), first.region()),
                target.home() && createsConfigServiceLinkedRole(config, first.account()),
                organizationTrailOf(config, first.account()));
        DetectionStack detection = new DetectionStack(stage, "SecureVpc-Detection" + accountRegion(first),
                first.account(), first.region(), audit, alerts);
        stacks.forEach(network -> network.addRemediation(detection.getAlerts(),
                connectedCidrs(config, network.getConfig())));
        access.forEach(a -> a.protectMonitoring(audit, detection));
        // One per account and region; with a public tier, NAT gateways serve the private tiers: ingress only.
        new VpcBlockPublicAccess(detection, "VpcBlockPublicAccess", VpcBlockPublicAccessProps.builder()
                .mode(envs.stream().anyMatch(e -> e.shape() == EnvironmentConfig.Shape.THREE_TIER)
                        ? BlockPublicAccessMode.BLOCK_INGRESS : BlockPublicAccessMode.BLOCK_BIDIRECTIONAL).build());
        List<Stack> all = new ArrayList<>(stacks);
        all.add(audit);
        all.add(detection);
        all.addAll(connectivity);
        StageNeutralIds.apply(stage, all);
        return new Result(List.of(stage), List.copyOf(stacks), List.of(audit), List.of(detection), connectivity,
                stage.getProfile(), null);
    }

    /**
     * The networks an environment's VPC may talk to, which its malicious-IP blocking must never deny (BP-NET-5):
     * every other environment's VPC range in the configuration (its peers and Transit Gateway neighbours among them),
     * and the on-premises ranges and customer gateway address of its VPN connections.
     */
    static List<String> connectedCidrs(final BlueprintConfig config, final EnvironmentConfig env) {
        List<String> cidrs = new ArrayList<>();
        config.environments().stream().filter(e -> !e.name().equals(env.name())).map(EnvironmentConfig::cidr)
                .forEach(cidrs::add);
        for (ConnectivityConfig.VpnConfig vpn : config.connectivity().vpns()) {
            if (vpn.environment().equals(env.name())) {
                cidrs.addAll(vpn.onPremisesCidrs());
                cidrs.add(vpn.customerGatewayIp() + "/32");
            }
        }
        return cidrs.stream().distinct().toList();
    }

    /**
     * The connectivity of the environments of one stage (one account and region): each environment's own VPN,
     * PrivateLink services and endpoints in its network stack; Transit Gateway and peering in one connectivity
     * stack. Connections name environments of the same account and region only (the configuration is checked).
     */
    private static List<ConnectivityStack> connect(final DeploymentStage stage, final BlueprintConfig config,
                                                   final Map<String, NetworkStack> byName) {
        ConnectivityConfig c = config.connectivity();
        for (ConnectivityConfig.VpnConfig vpn : c.vpns()) {
            if (byName.containsKey(vpn.environment())) {
                byName.get(vpn.environment()).addVpn(vpn);
            }
        }
        for (ConnectivityConfig.PrivateLinkConfig link : c.privateLinks()) {
            NetworkStack consumer = byName.get(link.consumer());
            NetworkStack provider = byName.get(link.provider());
            if (consumer != null && provider != null) {
                var service = provider.providePrivateLink(link, consumer.getConfig());
                consumer.consumePrivateLink(link, service);
            }
        }
        if (!ConnectivityStack.needed(c, byName)) {
            return List.of();
        }
        EnvironmentConfig first = byName.values().iterator().next().getConfig();
        return List.of(new ConnectivityStack(stage, "SecureVpc-Connectivity" + accountRegion(first), first.account(),
                first.region(), c, byName));
    }

    /**
     * AZs come from config: for an environment with an account, they are written where CDK's AZ lookup reads
     * them, so synth never calls AWS. (Seeding context instead of overriding {@code Stack.getAvailabilityZones}
     * in Java keeps JavaScript from calling back into Java for it during synth.)
     */
    private static void seedAvailabilityZones(final App app, final BlueprintConfig config) {
        for (EnvironmentConfig env : config.environments()) {
            if (env.account() != null && env.region() != null) {
                app.getNode().setContext("availability-zones:account=" + env.account() + ":region=" + env.region(),
                        env.availabilityZones());
            }
        }
    }

    /**
     * What one account and region already have: the existing baseline its environments give (they give one, checked),
     * with the account's existing trail, which any environment of the account may name; {@code null} when none.
     */
    static ExistingBaseline existingBaselineOf(final BlueprintConfig config, final String account,
                                               final String region) {
        ExistingBaseline place = config.environments().stream()
                .filter(e -> Objects.equals(e.account(), account) && Objects.equals(e.region(), region))
                .map(EnvironmentConfig::existingBaseline).filter(Objects::nonNull).findFirst().orElse(null);
        ExistingBaseline withTrail = config.environments().stream()
                .filter(e -> Objects.equals(e.account(), account) && e.existingBaseline() != null
                        && e.existingBaseline().trail() != null)
                .map(EnvironmentConfig::existingBaseline).findFirst().orElse(null);
        if (withTrail == null || place != null && place.trail() != null) {
            return place;
        }
        return place == null
                ? new ExistingBaseline(withTrail.reason(), withTrail.trail(), null, null, null, null)
                : new ExistingBaseline(place.reason(), withTrail.trail(), place.configRecorder(),
                        place.guardDutyDetectorId(), place.securityHub(), place.configServiceLinkedRole());
    }

    /**
     * Whether the app creates AWS Config's service-linked role in the account (in its home region): when one of the
     * account's regions gets a recorder from the app and no environment of the account declares the role existing.
     */
    static boolean createsConfigServiceLinkedRole(final BlueprintConfig config, final String account) {
        List<EnvironmentConfig> inAccount = config.environments().stream()
                .filter(e -> Objects.equals(e.account(), account)).toList();
        boolean declared = inAccount.stream().anyMatch(e -> e.existingBaseline() != null
                && e.existingBaseline().hasConfigServiceLinkedRole());
        boolean recorderCreated = inAccount.stream().anyMatch(e -> {
            ExistingBaseline b = existingBaselineOf(config, e.account(), e.region());
            return b == null || !b.adoptsConfigRecorder();
        });
        return recorderCreated && !declared;
    }

    /** The merged alert subscriptions of the environments of one account and region. */
    private static AlertSubscriptions alertsOf(final BlueprintConfig config, final String account, final String region) {
        return AlertSubscriptions.merge(config.environments().stream()
                .filter(e -> Objects.equals(e.account(), account) && Objects.equals(e.region(), region))
                .map(EnvironmentConfig::alertSubscriptions).toList());
    }

    /** Stack-name suffix of an account and region: one detection stack each (one GuardDuty detector each). */
    static String accountRegion(final EnvironmentConfig env) {
        return (env.account() == null ? "" : "-" + env.account()) + (env.region() == null ? "" : "-" + env.region());
    }

    /**
     * What {@link #build(App)} made.
     *
     * @param profile the strictest profile of the app: the gate runs its packs
     * @param gate the gate, or {@code null} from {@link #buildStacks(App)}
     */
    public record Result(List<DeploymentStage> stages, List<NetworkStack> stacks, List<AuditStack> auditStacks,
                         List<DetectionStack> detectionStacks, List<ConnectivityStack> connectivityStacks,
                         Profile profile, ComplianceGate gate) {
        Result plus(final Result other) {
            return new Result(concat(stages, other.stages), concat(stacks, other.stacks),
                    concat(auditStacks, other.auditStacks), concat(detectionStacks, other.detectionStacks),
                    concat(connectivityStacks, other.connectivityStacks), profile.stricter(other.profile), gate);
        }

        private static <T> List<T> concat(final List<T> a, final List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }
    }
}
