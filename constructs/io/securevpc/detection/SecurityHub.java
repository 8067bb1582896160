package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.internal.AwsIds;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.securityhub.CfnDelegatedAdmin;
import software.amazon.awscdk.services.securityhub.CfnHub;
import software.amazon.awscdk.services.securityhub.CfnOrganizationConfiguration;
import software.amazon.awscdk.services.securityhub.CfnStandard;
import software.constructs.Construct;

/**
 * AWS Security Hub CSPM for the account and region (BP-MON-2, BP-MON-4, BP-AUD-3): the hub, with consolidated
 * control findings and new controls enabled automatically, and two standards: AWS Foundational Security Best
 * Practices v1.0.0 and CIS AWS Foundations Benchmark v3.0.0 (their ARNs built for the stack's partition and region).
 * Security Hub ingests GuardDuty's findings and runs its controls as AWS Config rules (the region needs a
 * configuration recorder, e.g. {@code ConfigBaseline}'s). Every finding of severity HIGH or CRITICAL that is new and
 * active reaches the alerts, with a message naming the product, the title, the resource, the account and the region,
 * except GuardDuty's ({@link SecurityHubProps#getExcludeGuardDutyFindings()}) and those of excluded controls
 * ({@link SecurityHubProps#getExcludedControlIds()}) when other rules report them.
 *
 * <p>There is one hub per account and region: pass {@link SecurityHubProps#getExistingHub()} to adopt it. The hub and
 * the standards are {@code RETAIN}: deleting the stack does not switch the checks off. Organization mode (off by
 * default) designates a delegated administrator (in the management account) or auto-enables new members (in the
 * delegated administrator account).
 */
public final class SecurityHub extends Construct {
    /** The standards enabled, by construct id: the path after {@code standards/} in their ARN. */
    static final Map<String, String> STANDARDS = Maps.of(
            "FoundationalBestPractices", "aws-foundational-security-best-practices/v/1.0.0",
            "CisFoundations", "cis-aws-foundations-benchmark/v/3.0.0");

    /** The {@code ProductFields} key naming the product of a finding. */
    private static final String PRODUCT_NAME = "aws/securityhub/ProductName";
    /** Security Hub's own (control) findings' product name. */
    private static final String SECURITY_HUB = "Security Hub";

    private final @Nullable CfnHub hub;
    private final List<CfnStandard> standards = new ArrayList<>();
    private final List<Rule> rules;

    public SecurityHub(final @NotNull Construct scope, final @NotNull String id, final @NotNull SecurityHubProps props) {
        super(scope, id);
        validate(props);
        this.hub = Boolean.TRUE.equals(props.getExistingHub()) ? null : createHubAndStandards();
        configureOrganization(props);
        this.rules = alertOnHighFindings(props.getAlerts(), Boolean.TRUE.equals(props.getExcludeGuardDutyFindings()),
                props.getExcludedControlIds() != null ? props.getExcludedControlIds() : List.of());
    }

    private void validate(final SecurityHubProps p) {
        Problems problems = new Problems();
        AwsIds.check(problems, ErrorCode.CONFLICTING_PROPS, "delegatedAdminAccountId", p.getDelegatedAdminAccountId(),
                AwsIds.Format.ACCOUNT_ID);
        problems.throwIfAny(() -> "SecurityHub " + getNode().getPath());
    }

    private CfnHub createHubAndStandards() {
        CfnHub created = CfnHub.Builder.create(this, "Hub")
                // The standards are this construct's: AWS's defaults would enable others (CIS v1.2.0) beside them.
                .enableDefaultStandards(false)
                .controlFindingGenerator("SECURITY_CONTROL")
                .autoEnableControls(true)
                .build();
        created.applyRemovalPolicy(RemovalPolicy.RETAIN);
        Stack stack = Stack.of(this);
        STANDARDS.forEach((standardId, path) -> {
            CfnStandard standard = CfnStandard.Builder.create(this, standardId)
                    .standardsArn("arn:" + stack.getPartition() + ":securityhub:" + stack.getRegion() + "::standards/"
                            + path)
                    .build();
            standard.getNode().addDependency(created);
            standard.applyRemovalPolicy(RemovalPolicy.RETAIN);
            standards.add(standard);
        });
        return created;
    }

    private void configureOrganization(final SecurityHubProps p) {
        if (p.getDelegatedAdminAccountId() != null) {
            CfnDelegatedAdmin admin = CfnDelegatedAdmin.Builder.create(this, "DelegatedAdmin")
                    .adminAccountId(p.getDelegatedAdminAccountId()).build();
            if (hub != null) {
                admin.getNode().addDependency(hub);
            }
        }
        if (Boolean.TRUE.equals(p.getAutoEnableOrganizationMembers())) {
            CfnOrganizationConfiguration configuration = CfnOrganizationConfiguration.Builder.create(this,
                            "OrganizationConfiguration")
                    .autoEnable(true)
                    .autoEnableStandards("DEFAULT")
                    .configurationType("LOCAL")
                    .build();
            if (hub != null) {
                configuration.getNode().addDependency(hub);
            }
        }
    }

    /**
     * High and critical findings, new and active, not of the excluded products; with {@code controlsExcept}, only
     * Security Hub's own control findings, except those of these controls.
     */
    static EventPattern pattern(final List<String> excludedProducts, final @Nullable List<String> controlsExcept) {
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("Severity", Maps.of("Label", List.of("HIGH", "CRITICAL")));
        findings.put("Workflow", Maps.of("Status", List.of("NEW")));
        findings.put("RecordState", List.of("ACTIVE"));
        if (controlsExcept != null) {
            findings.put("ProductFields", Maps.of(PRODUCT_NAME, List.of(SECURITY_HUB)));
            findings.put("Compliance", Maps.of("SecurityControlId",
                    List.of(Maps.of("anything-but", List.copyOf(controlsExcept)))));
        } else if (!excludedProducts.isEmpty()) {
            findings.put("ProductFields", Maps.of(PRODUCT_NAME,
                    List.of(Maps.of("anything-but", List.copyOf(excludedProducts)))));
        }
        return EventPattern.builder()
                .source(List.of("aws.securityhub"))
                .detailType(List.of("Security Hub Findings - Imported"))
                .detail(Maps.of("findings", findings))
                .build();
    }

    /**
     * One rule on the findings of every product but the excluded ones; with excluded controls, Security Hub's own
     * control findings go through a second rule that leaves those controls out (a control finding always names its
     * {@code SecurityControlId}; other products' findings may not, and an {@code anything-but} needs the field).
     */
    private List<Rule> alertOnHighFindings(final SecurityAlerts alerts, final boolean withoutGuardDuty,
                                           final List<String> excludedControls) {
        List<String> excludedProducts = new ArrayList<>();
        if (withoutGuardDuty) {
            excludedProducts.add("GuardDuty");
        }
        if (!excludedControls.isEmpty()) {
            excludedProducts.add(SECURITY_HUB);
        }
        List<Rule> created = new ArrayList<>();
        created.add(rule(alerts, "HighFindings", "Security Hub finding HIGH or CRITICAL, new and active"
                + (excludedProducts.isEmpty() ? "" : ", not from " + String.join(" or ", excludedProducts)),
                pattern(excludedProducts, null)));
        if (!excludedControls.isEmpty()) {
            created.add(rule(alerts, "HighControlFindings", "Security Hub control finding HIGH or CRITICAL, new and "
                    + "active, not of " + String.join(", ", excludedControls), pattern(List.of(), excludedControls)));
        }
        return created;
    }

    private Rule rule(final SecurityAlerts alerts, final String id, final String description,
                      final EventPattern pattern) {
        Rule created = Rule.Builder.create(this, id).description(description).eventPattern(pattern).build();
        created.applyRemovalPolicy(RemovalPolicy.RETAIN);
        String finding = "$.detail.findings[0].";
        created.addTarget(alerts.target(RuleTargetInput.fromText("Security Hub "
                + EventField.fromPath(finding + "Severity.Label") + " finding from "
                + EventField.fromPath(finding + "ProductArn") + ": "
                + EventField.fromPath(finding + "Title") + " on "
                + EventField.fromPath(finding + "Resources[0].Type") + " "
                + EventField.fromPath(finding + "Resources[0].Id") + " in account "
                + EventField.fromPath(finding + "AwsAccountId") + " " + EventField.getRegion())));
        return created;
    }

    /** @return the hub, or {@code null} when an existing one is adopted. */
    public @Nullable CfnHub getHub() {
        return hub;
    }

    /** @return the standards enabled here (none when an existing hub is adopted). */
    public @NotNull List<CfnStandard> getStandards() {
        return List.copyOf(standards);
    }

    /** @return the rules that report high and critical findings (a second one with excluded controls). */
    public @NotNull List<Rule> getRules() {
        return List.copyOf(rules);
    }
}
