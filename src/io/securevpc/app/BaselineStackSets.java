package io.securevpc.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudformation.CfnStackSet;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The account baseline as CloudFormation StackSets with service-managed permissions ({@link StackSetConfig}), in the
 * management (or StackSets delegated administrator) account: one StackSet per template, deployed automatically to
 * every account of the organizational units, now and when an account joins, and kept when an account leaves:
 * <ul>
 *   <li>{@code SecureVpc-Audit-Home}: {@link AuditStack} of the home region (archive, trail, alarms, AWS Config with
 *       the recording of global resources and, unless declared existing, AWS Config's service-linked role), in
 *       {@code homeRegion};</li>
 *   <li>{@code SecureVpc-Audit-Regional}: {@link AuditStack} of another region (archive, AWS Config), in
 *       {@code otherRegions}, when there are any;</li>
 *   <li>{@code SecureVpc-Detection}: {@link DetectionStack} (GuardDuty, alerts, tamper response, remediation), in
 *       every region.</li>
 * </ul>
 * Each template is the one the app builds for an environment-agnostic account, synthesized by a separate app at
 * build time and published as a file asset of this stack ({@code TemplateURL}); CDK's bootstrap-version check is
 * removed from it, since the units' accounts need not be bootstrapped. The detection template restarts no stopped
 * trail (it cannot refer to the audit template's trail); everything else is as in the app.
 */
public final class BaselineStackSets extends Stack {
    /** Names of the StackSets. */
    static final String AUDIT_HOME = "SecureVpc-Audit-Home";
    static final String AUDIT_REGIONAL = "SecureVpc-Audit-Regional";
    static final String DETECTION = "SecureVpc-Detection";

    private final List<CfnStackSet> stackSets = new ArrayList<>();

    /** @param app the app, whose context (feature flags) the templates' app is built with */
    public BaselineStackSets(final Construct scope, final App app, final StackSetConfig config) {
        super(scope, "SecureVpc-BaselineStackSets", StackProps.builder()
                .stackName("SecureVpc-BaselineStackSets")
                .env(Environment.builder().account(config.account()).region(config.region()).build())
                .description("Secure VPC blueprint: the account baseline as StackSets for organizational units")
                .terminationProtection(true)
                .build());
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) app.getNode().getAllContext();
        Path home = template(context, config, true, AuditStack.class);
        stackSet(AUDIT_HOME, "Audit baseline of the home region", home, config, List.of(config.homeRegion()));
        if (!config.otherRegions().isEmpty()) {
            stackSet(AUDIT_REGIONAL, "Audit baseline of the other regions", template(context, config, false,
                    AuditStack.class), config, config.otherRegions());
        }
        List<String> all = new ArrayList<>(List.of(config.homeRegion()));
        all.addAll(config.otherRegions());
        stackSet(DETECTION, "Threat detection and remediation", template(context, config, true,
                DetectionStack.class), config, all);
    }

    public List<CfnStackSet> getStackSets() {
        return List.copyOf(stackSets);
    }

    private void stackSet(final String name, final String description, final Path template,
                          final StackSetConfig config, final List<String> regions) {
        Asset asset = Asset.Builder.create(this, name + "Template").path(template.toString()).build();
        stackSets.add(CfnStackSet.Builder.create(this, name)
                .stackSetName(name)
                .description("Secure VPC blueprint: " + description)
                .permissionModel("SERVICE_MANAGED")
                .autoDeployment(CfnStackSet.AutoDeploymentProperty.builder()
                        .enabled(true).retainStacksOnAccountRemoval(true).build())
                .capabilities(List.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"))
                .templateUrl(asset.getHttpUrl())
                .operationPreferences(CfnStackSet.OperationPreferencesProperty.builder()
                        .regionConcurrencyType("PARALLEL").maxConcurrentPercentage(25)
                        .failureTolerancePercentage(0).build())
                .stackInstancesGroup(List.of(CfnStackSet.StackInstancesProperty.builder()
                        .deploymentTargets(CfnStackSet.DeploymentTargetsProperty.builder()
                                .organizationalUnitIds(config.organizationalUnitIds()).build())
                        .regions(regions)
                        .build()))
                .build());
    }

    /**
     * Synthesizes one baseline stack, environment-agnostic, in an app of its own (with the app's context), and
     * returns its template without CDK's bootstrap-version parameter and rule.
     */
    private static Path template(final Map<String, Object> context, final StackSetConfig config, final boolean home,
                                 final Class<? extends Stack> type) {
        try {
            Path outdir = Files.createTempDirectory("securevpc-stackset");
            App templates = App.Builder.create().context(context).outdir(outdir.toString()).build();
            DeploymentStage stage = new DeploymentStage(templates, null, null, config.profile());
            AuditStack.Target target = new AuditStack.Target(null, null, home);
            Stack stack = type == AuditStack.class
                    ? new AuditStack(stage, target, config.profile(), config.alerts(), null,
                            home && !Boolean.TRUE.equals(config.configServiceLinkedRole()))
                    : new DetectionStack(stage, "SecureVpc-Detection", null, null, null, config.alerts());
            templates.synth();
            Path file = Path.of(stage.getOutdir(), stack.getTemplateFile());
            ObjectNode json = (ObjectNode) ConfigReader.JSON.readTree(file.toFile());
            if (json.path("Parameters").isObject()) {
                ((ObjectNode) json.get("Parameters")).remove("BootstrapVersion");
                if (json.get("Parameters").isEmpty()) {
                    json.remove("Parameters");
                }
            }
            if (json.path("Rules").isObject()) {
                ((ObjectNode) json.get("Rules")).remove("CheckBootstrapVersion");
                if (json.get("Rules").isEmpty()) {
                    json.remove("Rules");
                }
            }
            Path out = outdir.resolve((home ? "home-" : "regional-") + type.getSimpleName() + ".template.json");
            ConfigReader.JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), json);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
