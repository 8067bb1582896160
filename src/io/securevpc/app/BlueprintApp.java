package io.securevpc.app;

import io.securevpc.BlueprintValidationException;
import io.securevpc.gate.ComplianceGate;
import io.securevpc.gate.StackLimits;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awscdk.App;

/**
 * The deployable app: one {@link NetworkStack} per environment of the {@code blueprint} context in
 * {@code cdk.json}, one {@link AuditStack} and one {@link DetectionStack} per account and region of those
 * environments (each network stack holds its own VPC's remediation, reporting to its detection stack), one
 * {@link ConnectivityStack} per account and region whose environments are connected, every stack behind the
 * {@link ComplianceGate}.
 */
public final class BlueprintApp {
    private BlueprintApp() {
    }

    /**
     * Builds and synthesizes the app. An invalid configuration ({@link AppConfigException}) or construct props
     * ({@link BlueprintValidationException}) is printed to stderr as its list of problems, without a stack trace,
     * and the process exits with status {@value #INVALID_INPUT}; these are thrown while the app is built, before
     * synth writes anything.
     */
    public static void main(final String[] args) {
        int status = run(App::new, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Exit status of {@link #main} when the configuration or a construct's props are invalid. */
    static final int INVALID_INPUT = 2;

    /**
     * What {@link #main} does, without exiting: builds the app that {@code newApp} makes, applies the gate,
     * synthesizes and checks the stacks' limits.
     *
     * @return 0, or {@value #INVALID_INPUT} after printing the problems of an invalid configuration or invalid
     *     props to {@code err}
     */
    static int run(final Supplier<App> newApp, final PrintStream err) {
        try {
            App app = newApp.get();
            StackLimits.check(build(app).gate().synth(app));
            return 0;
        } catch (AppConfigException | BlueprintValidationException e) {
            err.println(e.getMessage());
            return INVALID_INPUT;
        }
    }

    /** Builds every configured environment into the app and applies the gate; returns the stacks. */
    public static Result build(final App app) {
        Result stacks = buildStacks(app);
        return new Result(stacks.stacks(), stacks.auditStacks(), stacks.detectionStacks(),
                stacks.connectivityStacks(), ComplianceGate.applyTo(app));
    }

    /** Builds every configured environment into the app, without the gate (for measuring the gate's cost). */
    public static Result buildStacks(final App app) {
        BlueprintConfig config = BlueprintConfig.parse(app.getNode().tryGetContext(BlueprintConfig.CONTEXT_KEY));
        seedAvailabilityZones(app, config);
        List<NetworkStack> stacks = new ArrayList<>();
        Map<String, NetworkStack> byName = new LinkedHashMap<>();
        for (EnvironmentConfig env : config.environments()) {
            NetworkStack stack = new NetworkStack(app, env, config.connectivity().needsTransitTier(env.name()));
            stacks.add(stack);
            byName.put(env.name(), stack);
        }
        List<ConnectivityStack> connectivity = connect(app, config, byName);
        // Last: the operator roles and the permission boundary name every security group and endpoint of the stack,
        // the PrivateLink ones included.
        stacks.forEach(NetworkAccess::new);
        List<AuditStack> audit = AuditStack.Target.of(config.environments()).stream()
                .map(target -> new AuditStack(app, target, alertsOf(config, target.account(), target.region())))
                .toList();
        List<DetectionStack> detection = new ArrayList<>();
        Map<String, List<NetworkStack>> byAccountRegion = new LinkedHashMap<>();
        for (NetworkStack stack : stacks) {
            byAccountRegion.computeIfAbsent(accountRegion(stack.getConfig()), k -> new ArrayList<>()).add(stack);
        }
        byAccountRegion.forEach((key, networks) -> {
            EnvironmentConfig first = networks.get(0).getConfig();
            AuditStack sameAccountRegion = audit.stream().filter(a -> Objects.equals(a.getTarget().account(),
                    first.account()) && Objects.equals(a.getTarget().region(), first.region())).findFirst().orElse(null);
            DetectionStack detectionStack = new DetectionStack(app, "SecureVpc-Detection" + key, first.account(),
                    first.region(), sameAccountRegion, alertsOf(config, first.account(), first.region()));
            detection.add(detectionStack);
            networks.forEach(network -> network.addRemediation(detectionStack.getAlerts()));
        });
        return new Result(List.copyOf(stacks), audit, List.copyOf(detection), connectivity, null);
    }

    /**
     * The connectivity of the configuration: each environment's own VPN, PrivateLink services and endpoints in its
     * network stack; Transit Gateway and peering in one connectivity stack per account and region.
     */
    private static List<ConnectivityStack> connect(final App app, final BlueprintConfig config,
                                                   final Map<String, NetworkStack> byName) {
        ConnectivityConfig c = config.connectivity();
        for (ConnectivityConfig.VpnConfig vpn : c.vpns()) {
            byName.get(vpn.environment()).addVpn(vpn);
        }
        for (ConnectivityConfig.PrivateLinkConfig link : c.privateLinks()) {
            NetworkStack consumer = byName.get(link.consumer());
            var service = byName.get(link.provider()).providePrivateLink(link, consumer.getConfig());
            consumer.consumePrivateLink(link, service);
        }
        Map<String, Map<String, NetworkStack>> byPlace = new LinkedHashMap<>();
        byName.values().forEach(s -> byPlace.computeIfAbsent(accountRegion(s.getConfig()), k -> new LinkedHashMap<>())
                .put(s.getConfig().name(), s));
        List<ConnectivityStack> result = new ArrayList<>();
        byPlace.forEach((place, networks) -> {
            if (ConnectivityStack.needed(c, networks)) {
                EnvironmentConfig first = networks.values().iterator().next().getConfig();
                result.add(new ConnectivityStack(app, "SecureVpc-Connectivity" + place, first.account(),
                        first.region(), c, networks));
            }
        });
        return List.copyOf(result);
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

    /** The merged alert subscriptions of the environments of one account and region. */
    private static AlertSubscriptions alertsOf(final BlueprintConfig config, final String account, final String region) {
        return AlertSubscriptions.merge(config.environments().stream()
                .filter(e -> Objects.equals(e.account(), account) && Objects.equals(e.region(), region))
                .map(EnvironmentConfig::alertSubscriptions).toList());
    }

    /** Stack-name suffix of an account and region: one detection stack each (one GuardDuty detector each). */
    private static String accountRegion(final EnvironmentConfig env) {
        return (env.account() == null ? "" : "-" + env.account()) + (env.region() == null ? "" : "-" + env.region());
    }

    /** What {@link #build(App)} made. */
    public record Result(List<NetworkStack> stacks, List<AuditStack> auditStacks, List<DetectionStack> detectionStacks,
                         List<ConnectivityStack> connectivityStacks, ComplianceGate gate) {
    }
}
