package io.securevpc.detection;

import io.securevpc.ErrorCode;
import io.securevpc.compliance.ResourceNarrowing;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * GuardDuty finding on an EC2 instance at or above a severity → isolate the instance (BP-MON-4/5):
 * EventBridge starts a declarative automation that tags the instance, replaces the security groups of every one of
 * its network interfaces with a quarantine group (no ingress, no egress), detaches its instance profile and,
 * optionally, snapshots its volumes as evidence; the security alerts topic gets a readable message either way. In
 * alert-only mode nothing is changed.
 *
 * <p>The rule matches on {@code resource.resourceType = Instance}, never on the mere presence of
 * {@code instanceDetails} (IAM findings can carry those too), and ignores archived findings. Replacing
 * security groups does not cut connections the old groups already tracked; an explicit NACL deny does
 * (BP-NET-5). Detaching the instance profile stops new credentials; credentials the instance already holds stay
 * valid until they expire: revoking them means changing the role's policy (IAM's "revoke active sessions"), which
 * this automation is not allowed to do, since {@code iam:PutRolePolicy} on any role cannot be narrowed to that one
 * policy in IAM. The quarantine group leaves the instance no network path to use them.
 */
public class InstanceIsolation extends Construct {
    /** The tag the automation puts on an isolated instance. */
    public static final String QUARANTINE_TAG = "securevpc:quarantine";

    /** The name of the automation step that quarantines each network interface of the instance. */
    static final String QUARANTINE_INTERFACES = "QuarantineEveryInterface";
    /** The automation step that reads the instance's quarantine tag, set by an isolation that completed. */
    static final String CHECK_QUARANTINED = "CheckQuarantineTag";
    /** The automation step that detaches every instance profile association of the instance. */
    static final String DETACH_PROFILES = "DetachEveryInstanceProfile";
    /** The last automation step: the quarantine tag, marking a completed isolation. */
    static final String TAG_INSTANCE = "TagInstance";

    /** Lowest GuardDuty severity acted on when {@code severityThreshold} is unset: high. */
    public static final double DEFAULT_SEVERITY_THRESHOLD = 7.0;

    private final Rule rule;
    private final SecurityGroup quarantineGroup;
    private final AutomationRunbook runbook;

    public InstanceIsolation(final @NotNull Construct scope, final @NotNull String id,
                             final @NotNull InstanceIsolationProps props) {
        super(scope, id);
        RequiredProps.of("InstanceIsolation").require("props", props).check();
        validate(props);
        this.quarantineGroup = SecurityGroup.Builder.create(this, "QuarantineGroup")
                .vpc(props.getVpc())
                .description("Quarantine: no ingress, no egress")
                .allowAllOutbound(false)
                .allowAllIpv6Outbound(false)
                .build();
        this.rule = Rule.Builder.create(this, "Rule")
                .description("GuardDuty finding on an EC2 instance, severity >= " + severityThreshold(props))
                .eventPattern(pattern(severityThreshold(props), props.getVpc().getVpcId()))
                .build();
        this.rule.applyRemovalPolicy(RemovalPolicy.RETAIN);
        rule.addTarget(props.getAlerts().target(RuleTargetInput.fromText(
                "GuardDuty " + EventField.fromPath("$.detail.type") + " (severity "
                        + EventField.fromPath("$.detail.severity") + ") on instance "
                        + EventField.fromPath("$.detail.resource.instanceDetails.instanceId") + " in account "
                        + EventField.getAccount() + " " + EventField.getRegion() + ": "
                        + EventField.fromPath("$.detail.title")
                        + (alertOnly(props) ? " [alert only: not isolated]" : " [isolating]"))));
        if (alertOnly(props)) {
            this.runbook = null;
            Annotations.of(this).addWarningV2("@securevpc/detection:alertOnly",
                    "InstanceIsolation is alert-only: compromised instances are reported, not isolated (BP-MON-5).");
        } else {
            this.runbook = createRunbook(props);
            rule.addTarget(runbook.target(Maps.of(
                    "InstanceId", EventField.fromPath("$.detail.resource.instanceDetails.instanceId"),
                    "QuarantineSecurityGroupId", quarantineGroup.getSecurityGroupId()),
                    props.getAlerts().getDeadLetterQueue()));
            runbook.alertOnFailure(props.getAlerts(), "Instance isolation in " + props.getVpc().getNode().getPath());
        }
    }

    /**
     * The event pattern: GuardDuty findings on instances of this VPC (a network interface in it), not archived,
     * severity at or above the threshold. Without the VPC, every VPC's isolation in a region would start on every
     * finding, and all but one would fail to attach a quarantine group of another VPC.
     */
    static EventPattern pattern(final double threshold, final String vpcId) {
        return InstanceFindings.pattern(threshold, Maps.of("networkInterfaces", Maps.of("vpcId", List.of(vpcId))),
                Maps.of());
    }

    public @NotNull Rule getRule() {
        return rule;
    }

    public @NotNull SecurityGroup getQuarantineGroup() {
        return quarantineGroup;
    }

    /** @return the automation, or {@code null} in alert-only mode. */
    public AutomationRunbook getRunbook() {
        return runbook;
    }

    /**
     * The automation: skip to the end when the instance already carries the quarantine tag; else put every network
     * interface of it behind the quarantine group (one {@code ModifyNetworkInterfaceAttribute} per interface:
     * {@code ModifyInstanceAttribute Groups} reaches only the primary one), snapshot its volumes, detach every
     * instance profile association, and tag it last. Every step aborts on failure (the failure alert fires and the
     * tag is not set, so starting it again redoes what failed; the steps already done are no-ops then, but a second
     * set of snapshots is taken). Run twice, the second run changes nothing (BP-MON-5). The role's statements name the event's
     * resources by wildcard, each narrowed by a condition (BP-IAM-2): {@code ec2:Vpc} = this VPC on network
     * interfaces (the only EC2 resource of these calls with that key); this account and region
     * ({@code aws:ResourceAccount}, {@code aws:RequestedRegion}) on instances, volumes and snapshots, whose
     * resource types carry no {@code ec2:Vpc}.
     */
    private AutomationRunbook createRunbook(final InstanceIsolationProps props) {
        Stack stack = Stack.of(this);
        String arnPrefix = "arn:" + stack.getPartition() + ":ec2:" + stack.getRegion() + ":" + stack.getAccount() + ":";
        String vpcArn = arnPrefix + "vpc/" + props.getVpc().getVpcId();
        Map<String, Object> thisAccountAndRegion = Maps.of(ResourceNarrowing.RESOURCE_ACCOUNT, stack.getAccount(),
                ResourceNarrowing.REQUESTED_REGION, stack.getRegion());
        List<Map<String, Object>> steps = new ArrayList<>();
        // Run twice on one instance, the second run changes nothing: the quarantine tag, put on last, marks an
        // isolation that completed, and an instance that carries it goes straight to the (unchanged) tag.
        Map<String, Object> check = AutomationRunbook.apiStep(CHECK_QUARANTINED, "ec2", "DescribeTags", Maps.of(
                "Filters", List.of(Maps.of("Name", "resource-id", "Values", List.of("{{ InstanceId }}")),
                        Maps.of("Name", "key", "Values", List.of(QUARANTINE_TAG)))), false);
        check.put("outputs", List.of(Maps.of("Name", "TagValues", "Selector", "$.Tags..Value",
                "Type", "StringList")));
        steps.add(check);
        steps.add(Maps.of("name", "SkipWhenIsolated", "action", "aws:branch", "inputs", Maps.of(
                "Choices", List.of(Maps.of("NextStep", TAG_INSTANCE,
                        "Variable", "{{ " + CHECK_QUARANTINED + ".TagValues }}", "Contains", "true")))));
        Map<String, Object> describe = AutomationRunbook.apiStep("DescribeInstance", "ec2", "DescribeInstances",
                Maps.of("InstanceIds", List.of("{{ InstanceId }}")), false);
        describe.put("outputs", List.of(Maps.of("Name", "NetworkInterfaceIds",
                "Selector", "$.Reservations[0].Instances[0].NetworkInterfaces..NetworkInterfaceId",
                "Type", "StringList")));
        steps.add(describe);
        steps.add(AutomationRunbook.loopStep(QUARANTINE_INTERFACES, "{{ DescribeInstance.NetworkInterfaceIds }}",
                AutomationRunbook.apiStep("ReplaceInterfaceGroups", "ec2", "ModifyNetworkInterfaceAttribute", Maps.of(
                        "NetworkInterfaceId", "{{ " + QUARANTINE_INTERFACES + ".CurrentIteratorValue }}",
                        "Groups", List.of("{{ QuarantineSecurityGroupId }}")), false)));
        if (snapshotVolumes(props)) {
            steps.add(AutomationRunbook.apiStep("SnapshotVolumes", "ec2", "CreateSnapshots", Maps.of(
                    "InstanceSpecification", Maps.of("InstanceId", "{{ InstanceId }}"),
                    "Description", "Evidence of a GuardDuty finding, taken at isolation",
                    "CopyTagsFromSource", "volume"), false));
        }
        // An instance without an instance profile has no association: the loop then runs no iteration, where a
        // single DisassociateIamInstanceProfile step would fail the execution (and raise a false failure alert).
        Map<String, Object> association = AutomationRunbook.apiStep("FindInstanceProfile", "ec2",
                "DescribeIamInstanceProfileAssociations", Maps.of("Filters", List.of(
                        Maps.of("Name", "instance-id", "Values", List.of("{{ InstanceId }}")),
                        Maps.of("Name", "state", "Values", List.of("associating", "associated")))), false);
        association.put("outputs", List.of(Maps.of("Name", "AssociationIds",
                "Selector", "$.IamInstanceProfileAssociations..AssociationId", "Type", "StringList")));
        steps.add(association);
        steps.add(AutomationRunbook.loopStep(DETACH_PROFILES, "{{ FindInstanceProfile.AssociationIds }}",
                AutomationRunbook.apiStep("DetachInstanceProfile", "ec2", "DisassociateIamInstanceProfile",
                        Maps.of("AssociationId", "{{ " + DETACH_PROFILES + ".CurrentIteratorValue }}"), false)));
        Map<String, Object> tag = AutomationRunbook.apiStep(TAG_INSTANCE, "ec2", "CreateTags", Maps.of(
                "Resources", List.of("{{ InstanceId }}"),
                "Tags", List.of(Maps.of("Key", QUARANTINE_TAG, "Value", "true"))), false);
        tag.put("isEnd", true);
        steps.add(tag);
        List<PolicyStatement> permissions = new ArrayList<>();
        permissions.add(PolicyStatement.Builder.create().sid("TagWithTheQuarantineTagOnly").effect(Effect.ALLOW)
                .actions(List.of("ec2:CreateTags"))
                .resources(List.of(arnPrefix + "instance/*"))
                .conditions(Maps.of("ForAllValues:StringEquals", Maps.of("aws:TagKeys", List.of(QUARANTINE_TAG)),
                        "StringEquals", thisAccountAndRegion))
                .build());
        permissions.add(PolicyStatement.Builder.create().sid("FindInterfacesAndInstanceProfile").effect(Effect.ALLOW)
                .actions(List.of("ec2:DescribeIamInstanceProfileAssociations", "ec2:DescribeInstances", "ec2:DescribeTags"))
                .resources(List.of("*"))
                .build());
        permissions.add(PolicyStatement.Builder.create().sid("QuarantineInterfacesOfThisVpc").effect(Effect.ALLOW)
                .actions(List.of("ec2:ModifyNetworkInterfaceAttribute"))
                .resources(List.of(arnPrefix + "network-interface/*", arnPrefix + "security-group/"
                        + quarantineGroup.getSecurityGroupId()))
                .conditions(Maps.of("ArnEquals", Maps.of(ResourceNarrowing.VPC, vpcArn)))
                .build());
        permissions.add(PolicyStatement.Builder.create().sid("DetachInstanceProfile").effect(Effect.ALLOW)
                .actions(List.of("ec2:DisassociateIamInstanceProfile"))
                .resources(List.of(arnPrefix + "instance/*"))
                .conditions(Maps.of("StringEquals", thisAccountAndRegion))
                .build());
        if (snapshotVolumes(props)) {
            permissions.add(PolicyStatement.Builder.create().sid("SnapshotVolumesAsEvidence").effect(Effect.ALLOW)
                    .actions(List.of("ec2:CreateSnapshots"))
                    .resources(List.of(arnPrefix + "instance/*", arnPrefix + "volume/*",
                            "arn:" + stack.getPartition() + ":ec2:" + stack.getRegion() + "::snapshot/*"))
                    .conditions(Maps.of("StringEquals", thisAccountAndRegion))
                    .build());
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("InstanceId", Maps.of("type", "String", "allowedPattern", "^i-[a-z0-9]{8,17}$"));
        parameters.put("QuarantineSecurityGroupId", Maps.of("type", "String", "allowedPattern", "^sg-[a-z0-9]{8,17}$"));
        return new AutomationRunbook(this, "Runbook",
                "Isolates an EC2 instance named by a GuardDuty finding (BP-MON-5)", parameters, steps, permissions,
                "Remediation acts on whichever instance a GuardDuty finding names, so instance, interface, volume "
                        + "and snapshot ARNs end in a wildcard; tagging is limited to the quarantine tag, the only "
                        + "group it can attach is the quarantine group, and ModifyNetworkInterfaceAttribute is not "
                        + "limited to the groups attribute (IAM documents no condition value for it)");
    }

    // The defaults of the optional props, in one place.

    private static double severityThreshold(final InstanceIsolationProps props) {
        return props.getSeverityThreshold() != null ? props.getSeverityThreshold() : DEFAULT_SEVERITY_THRESHOLD;
    }

    private static boolean alertOnly(final InstanceIsolationProps props) {
        return Boolean.TRUE.equals(props.getAlertOnly());
    }

    private static boolean snapshotVolumes(final InstanceIsolationProps props) {
        return !Boolean.FALSE.equals(props.getSnapshotVolumes());
    }

    private void validate(final InstanceIsolationProps props) {
        Problems problems = new Problems();
        double t = severityThreshold(props);
        if (t < 1 || t > 10) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "severityThreshold", t,
                    "a GuardDuty severity from 1 to 10 (4 = medium, 7 = high)");
        }
        problems.throwIfAny(() -> "InstanceIsolation " + getNode().getPath());
    }
}
