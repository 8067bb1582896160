package io.securevpc.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The deny statements that protect the network's controls, as data: the same statements go into the permission
 * boundary of every role the blueprint creates ({@link NetworkPermissionBoundary}) and into a service control
 * policy for an AWS Organization ({@link #serviceControlPolicy(Settings)}). They deny:
 * <ul>
 *   <li>deleting flow logs (BP-MON-1) and changing the retention, key or existence of the protected log groups;
 *       {@code ec2:DeleteFlowLogs} is denied on {@code Resource: "*"} because the guidance records that
 *       {@code ec2:*FlowLogs} actions have no resource-level permissions;</li>
 *   <li>stopping, deleting or reconfiguring CloudTrail trails (BP-AUD-1), the AWS Config recorder, its delivery
 *       channel and rules (BP-AUD-2/3), and GuardDuty detectors, their membership and suppression (BP-MON-2);</li>
 *   <li>attaching an internet gateway to, or making subnets public in, any VPC but the allowed ones (BP-NET-10):
 *       an internet gateway is useless until attached, and a route to it is only possible in the VPC it is
 *       attached to; a subnet becomes public through {@code ModifySubnetAttribute} (MapPublicIpOnLaunch) or an
 *       instance launched with a public address, both scoped by {@code ec2:Vpc};</li>
 *   <li>any regional action outside the allowed regions ({@code aws:RequestedRegion}), global services
 *       excepted;</li>
 *   <li>removing or changing the permission boundary itself, when its ARN is given.</li>
 * </ul>
 */
public final class Guardrails {
    /** Global services whose requests carry {@code us-east-1} (or no region); exempt from the region guard. */
    public static final List<String> GLOBAL_SERVICE_ACTIONS = List.of("iam:*", "sts:*", "organizations:*",
            "account:*", "support:*", "health:*", "trustedadvisor:*", "budgets:*", "ce:*", "cur:*", "pricing:*",
            "cloudfront:*", "route53:*", "route53domains:*", "globalaccelerator:*", "waf:*", "shield:*",
            "s3:GetBucketLocation", "s3:ListAllMyBuckets");
    static final List<String> FLOW_LOG_ACTIONS = List.of("ec2:DeleteFlowLogs");
    // Denies may use wildcards (they only ever narrow); the lists are short because a managed policy, and so the
    // boundary, is limited to 6,144 characters and an SCP to 5,120.
    static final List<String> LOG_GROUP_ACTIONS = List.of("logs:Delete*", "logs:PutRetentionPolicy",
            "logs:DisassociateKmsKey");
    static final List<String> TRAIL_ACTIONS = List.of("cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail", "cloudtrail:Put*Selectors");
    static final List<String> CONFIG_ACTIONS = List.of("config:Stop*", "config:Delete*",
            "config:PutConfigurationRecorder", "config:PutDeliveryChannel");
    static final List<String> GUARDDUTY_ACTIONS = List.of("guardduty:Delete*", "guardduty:Disassociate*",
            "guardduty:Stop*", "guardduty:Update*", "guardduty:CreateFilter", "guardduty:CreateIPSet");
    static final List<String> BOUNDARY_POLICY_ACTIONS = List.of("iam:CreatePolicyVersion", "iam:DeletePolicy",
            "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion");
    /** The tag the blueprint's stacks put on their resources; the monitoring denies are scoped by it. */
    public static final String COMPONENT_TAG = "blueprint:component";
    /** The deployment role CDK's bootstrap creates in every account and region (CloudFormation's execution role). */
    public static final String CDK_DEPLOYMENT_ROLE = "cdk-*-cfn-exec-role-*";
    /** Changes to the monitoring resources the blueprint tags {@value #COMPONENT_TAG} (BP-MON-3/4/5, BP-AUD-1/2). */
    static final List<String> TAGGED_MONITORING_ACTIONS = List.of("events:DisableRule", "events:DeleteRule",
            "events:RemoveTargets", "events:PutRule", "cloudwatch:DisableAlarmActions", "cloudwatch:DeleteAlarms",
            "logs:DeleteMetricFilter", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "sns:DeleteTopic",
            "sns:SetTopicAttributes", "ssm:UpdateDocument*", "ssm:DeleteDocument", "kms:PutKeyPolicy",
            "kms:ScheduleKeyDeletion", "kms:DisableKey");
    /** Changes whose resource carries no tag the blueprint can set: one GuardDuty detector per account and region;
     *  Config rules ({@code AWS::Config::ConfigRule} has no tags) and remediation configurations; Security Hub's
     *  hub, standards and product integrations (turning it off, or a standard or control, silences its findings). */
    static final List<String> UNTAGGED_MONITORING_ACTIONS = List.of("guardduty:CreateThreatIntelSet",
            "guardduty:ArchiveFindings", "guardduty:DeleteDetector", "guardduty:UpdateDetector",
            "config:PutConfigRule", "config:DeleteConfigRule", "config:PutRemediation*", "config:DeleteRemediation*",
            "securityhub:Disable*", "securityhub:BatchDisableStandards", 
            // UpdateStandardsControl and BatchUpdateStandardsControlAssociations (no read action has this in its name)
            "securityhub:*UpdateStandardsControl*");
    static final List<String> STACK_ACTIONS = List.of("cloudformation:UpdateTerminationProtection",
            "cloudformation:DeleteStack");
    /** Removing the component tag would take a resource out of the tag-scoped deny. */
    static final List<String> UNTAG_ACTIONS = List.of("events:UntagResource", "cloudwatch:UntagResource",
            "logs:UntagResource", "logs:UntagLogGroup", "sns:UntagResource", "ssm:RemoveTagsFromResource",
            "config:UntagResource", "kms:UntagResource");
    static final List<String> ARCHIVE_ACTIONS = List.of("s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
            "s3:PutLifecycleConfiguration", "s3:PutBucketObjectLockConfiguration", "s3:PutBucketVersioning");
    /** The guardrail statements that stop a principal from blinding monitoring; exempt principals skip them. */
    static final List<String> MONITORING_SIDS = List.of("ProtectFlowLogs", "ProtectAuditLogGroups",
            "ProtectCloudTrail", "ProtectConfigRecorder", "ProtectGuardDuty", "ProtectTaggedMonitoring",
            "ProtectUntaggedMonitoring", "KeepTheComponentTag", "ProtectAlertSubscriptions", "ProtectTheArchive", "ProtectTheStacks",
            "ProtectMonitoring");
    /** IAM's limit on a managed policy's size, whitespace excluded. */
    public static final int MANAGED_POLICY_MAX_CHARS = 6144;

    private Guardrails() {
    }

    /**
     * What the guardrails protect and allow. Values may be CDK tokens for a boundary; an SCP needs literals.
     *
     * @param partition e.g. {@code aws}
     * @param allowedRegions the regions regional actions may be called in (at least one)
     * @param internetVpcArns the only VPCs that may have an internet gateway and public subnets; empty: none may
     * @param protectedLogGroupArns log groups (flow logs, trail) nobody bounded may delete or change
     * @param boundaryPolicyArn the permission boundary's own ARN, protected from change and removal; {@code null}
     *     leaves that statement out
     */
    public record Settings(String partition, List<String> allowedRegions, List<String> internetVpcArns,
                           List<String> protectedLogGroupArns, @Nullable String boundaryPolicyArn) {
        public Settings {
            RequiredProps.of("Guardrails.Settings").require("partition", partition)
                    .require("allowedRegions", allowedRegions).elements("allowedRegions", allowedRegions)
                    .require("internetVpcArns", internetVpcArns).elements("internetVpcArns", internetVpcArns)
                    .require("protectedLogGroupArns", protectedLogGroupArns)
                    .elements("protectedLogGroupArns", protectedLogGroupArns).check();
            allowedRegions = List.copyOf(allowedRegions);
            internetVpcArns = List.copyOf(internetVpcArns);
            protectedLogGroupArns = List.copyOf(protectedLogGroupArns);
            if (allowedRegions.isEmpty()) {
                throw new IllegalArgumentException("Guardrails.Settings.allowedRegions: give at least one region");
            }
        }
    }

    /**
     * What the monitoring denies protect, and who may still change it (BP-MON-3/4/5, BP-AUD-1/2).
     *
     * @param partition e.g. {@code aws}
     * @param exemptPrincipals the pipeline's and the break-glass role, as role ARNs (wildcards allowed) or role
     *     names (then {@code arn:<partition>:iam::*:role/<name>}); they are excluded with {@code ArnNotLike} on
     *     {@code aws:PrincipalArn}. Empty: nobody is exempt
     * @param archiveBucketArns the log archive's buckets (S3 has no tag condition on these actions)
     * @param alertTopicArns the alert topics whose subscriptions nobody may remove
     * @param stackArns the stacks (audit, detection) nobody may delete or unprotect, as ARNs or ARN patterns
     *     ({@code arn:aws:cloudformation:*:*:stack/SecureVpc-Audit*}{@code /*}); stack tags are not resource
     *     tags of the template, so stacks are scoped by ARN
     */
    public record Monitoring(String partition, List<String> exemptPrincipals, List<String> archiveBucketArns,
                             List<String> alertTopicArns, List<String> stackArns) {
        public Monitoring {
            RequiredProps.of("Guardrails.Monitoring").require("partition", partition)
                    .require("exemptPrincipals", exemptPrincipals).elements("exemptPrincipals", exemptPrincipals)
                    .require("archiveBucketArns", archiveBucketArns).elements("archiveBucketArns", archiveBucketArns)
                    .require("alertTopicArns", alertTopicArns).elements("alertTopicArns", alertTopicArns)
                    .require("stackArns", stackArns).elements("stackArns", stackArns).check();
            exemptPrincipals = exemptPrincipals.stream()
                    .map(p -> p.startsWith("arn:") || p.startsWith("${Token[") ? p
                            : "arn:" + partition + ":iam::*:role/" + p).toList();
            archiveBucketArns = List.copyOf(archiveBucketArns);
            alertTopicArns = List.copyOf(alertTopicArns);
            stackArns = List.copyOf(stackArns);
        }

        /** @return the CDK deployment role ({@link #CDK_DEPLOYMENT_ROLE}) plus {@code breakGlass} when given. */
        public static List<String> pipelineAndBreakGlass(final @Nullable String pipeline,
                                                         final @Nullable String breakGlass) {
            List<String> exempt = new ArrayList<>();
            exempt.add(pipeline != null ? pipeline : CDK_DEPLOYMENT_ROLE);
            if (breakGlass != null) {
                exempt.add(breakGlass);
            }
            return List.copyOf(exempt);
        }
    }

    /**
     * The denies that keep monitoring from being blinded, for everyone but the exempt principals: changes to the
     * blueprint's rules, alarms, log groups, topics, runbooks and keys, scoped by
     * {@code aws:ResourceTag/}{@value #COMPONENT_TAG} (the deny does not apply to untagged resources); GuardDuty
     * threat-intel sets, archiving, detector changes, Config rules and remediations on {@code "*"} (the blueprint
     * cannot tag these resources); removing the component tag; unsubscribing from the alert topics; the
     * archive's bucket policy, lifecycle, versioning and Object Lock and deleting or unprotecting the audit and
     * detection stacks (by ARN: S3 buckets and stacks are scoped by name here).
     *
     * @return the statements, in a fixed order
     */
    public static @NotNull List<PolicyRule> monitoringStatements(final @NotNull Monitoring m) {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(PolicyRule.deny("ProtectTaggedMonitoring").actions(TAGGED_MONITORING_ACTIONS).resources("*")
                .when("Null", "aws:ResourceTag/" + COMPONENT_TAG, "false").build());
        rules.add(PolicyRule.deny("ProtectUntaggedMonitoring").actions(UNTAGGED_MONITORING_ACTIONS).resources("*")
                .build());
        rules.add(PolicyRule.deny("KeepTheComponentTag").actions(UNTAG_ACTIONS).resources("*")
                .when("ForAnyValue:StringEquals", "aws:TagKeys", COMPONENT_TAG).build());
        if (!m.alertTopicArns().isEmpty()) {
            List<String> topics = new ArrayList<>(m.alertTopicArns());
            m.alertTopicArns().forEach(t -> topics.add(t + ":*"));
            rules.add(PolicyRule.deny("ProtectAlertSubscriptions").actions("sns:Unsubscribe").resources(topics)
                    .build());
        }
        if (!m.archiveBucketArns().isEmpty()) {
            rules.add(PolicyRule.deny("ProtectTheArchive").actions(ARCHIVE_ACTIONS).resources(m.archiveBucketArns())
                    .build());
        }
        if (!m.stackArns().isEmpty()) {
            rules.add(PolicyRule.deny("ProtectTheStacks").actions(STACK_ACTIONS).resources(m.stackArns()).build());
        }
        return exempting(rules, m.exemptPrincipals());
    }

    /** @return the rules, those of {@link #MONITORING_SIDS} with the exempt principals excluded. */
    static List<PolicyRule> exempting(final List<PolicyRule> rules, final List<String> exempt) {
        if (exempt.isEmpty()) {
            return List.copyOf(rules);
        }
        return rules.stream().map(r -> {
            if (!MONITORING_SIDS.contains(r.sid())) {
                return r;
            }
            List<ConditionClause> conditions = new ArrayList<>(r.conditions());
            conditions.add(new ConditionClause("ArnNotLike", "aws:PrincipalArn", exempt));
            return new PolicyRule(r.sid(), r.effect(), r.actions(), r.notActions(), r.resources(), r.notResources(),
                    conditions);
        }).toList();
    }

    /** @return the deny statements, in a fixed order. */
    public static @NotNull List<PolicyRule> statements(final @NotNull Settings s) {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(PolicyRule.deny("ProtectFlowLogs").actions(FLOW_LOG_ACTIONS).resources("*").build());
        if (!s.protectedLogGroupArns().isEmpty()) {
            rules.add(PolicyRule.deny("ProtectAuditLogGroups").actions(LOG_GROUP_ACTIONS)
                    .resources(s.protectedLogGroupArns()).build());
        }
        rules.add(PolicyRule.deny("ProtectCloudTrail").actions(TRAIL_ACTIONS).resources("*").build());
        rules.add(PolicyRule.deny("ProtectConfigRecorder").actions(CONFIG_ACTIONS).resources("*").build());
        rules.add(PolicyRule.deny("ProtectGuardDuty").actions(GUARDDUTY_ACTIONS).resources("*").build());
        rules.addAll(internetGuards(s));
        rules.add(PolicyRule.deny("StayInAllowedRegions").notActions(GLOBAL_SERVICE_ACTIONS).resources("*")
                .when("StringNotEquals", "aws:RequestedRegion", s.allowedRegions()).build());
        if (s.boundaryPolicyArn() != null) {
            rules.addAll(boundaryGuards(s.boundaryPolicyArn()));
        }
        return List.copyOf(rules);
    }

    /**
     * @return a permission boundary's statements: the allows of {@code ceiling} (the most any bounded role may
     *     ever do), merged, followed by the guardrail denies. Allows come first so that no stock rule reads a
     *     deny's wildcard as part of an allow. Ceiling rules with the same conditions are merged into one
     *     statement (every action of the group on every resource of the group), which keeps the boundary under
     *     IAM's size limit; it is coarser than each role's own policy, which stays exact, and never broader than
     *     the ceiling's resources. Rules on {@code Resource: "*"} are merged only with each other.
     */
    public static @NotNull List<PolicyRule> boundary(final @NotNull List<PolicyRule> ceiling, final @NotNull Settings s) {
        Map<String, List<PolicyRule>> groups = new LinkedHashMap<>();
        for (PolicyRule rule : ceiling) {
            if (rule.effect() != RuleEffect.ALLOW) {
                throw new IllegalArgumentException("ceiling: allow statements only, got deny " + rule.sid());
            }
            // Allows on exact resources need no condition in a boundary: the resources already pin them to
            // this VPC, and the identity policies keep their own conditions (the effective permission is the
            // intersection). Merging them lists each resource once, which keeps the boundary within IAM's size
            // limit. Allows on "*" keep their conditions: there the condition is the only narrowing.
            String key = rule.resources().contains("*") ? rule.conditions() + " on *" : "on exact resources";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
        }
        List<PolicyRule> rules = new ArrayList<>();
        int n = 0;
        for (List<PolicyRule> group : groups.values()) {
            n++;
            boolean exact = !group.get(0).resources().contains("*");
            PolicyRule.Builder merged = PolicyRule.allow("Ceiling" + n)
                    .actions(group.stream().flatMap(r -> r.actions().stream()).distinct().toList())
                    .resources(group.stream().flatMap(r -> r.resources().stream()).distinct().toList());
            rules.add(exact ? merged.build() : merged.when(group.get(0).conditions()).build());
        }
        rules.addAll(statements(s));
        return List.copyOf(rules);
    }

    /**
     * @return an estimate of a policy's size as IAM counts it (compact JSON): the partition, account and region
     *     tokens at their longest values ({@code aws-us-gov}, 12 digits, 14 characters), every other CDK token
     *     counted as {@code tokenChars} characters (a resource id is at most 24, a log-group ARN about 150)
     */
    public static int estimatedSize(final @NotNull List<PolicyRule> rules, final int tokenChars) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", rules.stream().map(PolicyRule::toJson).toList());
        try {
            String json = new ObjectMapper().writeValueAsString(document);
            return json.replaceAll("\\$\\{Token\\[AWS\\.Partition\\.\\d+\\]\\}", "aws-us-gov")
                    .replaceAll("\\$\\{Token\\[AWS\\.AccountId\\.\\d+\\]\\}", "123456789012")
                    .replaceAll("\\$\\{Token\\[AWS\\.Region\\.\\d+\\]\\}", "ap-southeast-4")
                    .replaceAll("\\$\\{Token\\[[^]]*\\]\\}", "x".repeat(tokenChars)).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the statements as a service control policy document (JSON), for AWS Organizations. */
    public static @NotNull String serviceControlPolicy(final @NotNull Settings s) {
        return document(statements(s));
    }

    /**
     * @return the guardrails and the {@link #monitoringStatements monitoring denies} as a service control policy
     *     document (JSON); every monitoring deny, the flow-log, trail, Config and GuardDuty ones included, exempts
     *     {@code m}'s principals, so that CloudFormation's deployment role can still update the trail, the
     *     detector and the recorder
     */
    public static @NotNull String serviceControlPolicy(final @NotNull Settings s, final @NotNull Monitoring m) {
        List<PolicyRule> rules = new ArrayList<>(exempting(statements(s), m.exemptPrincipals()));
        rules.addAll(monitoringStatements(m));
        return document(mergedOnAnyResource(rules));
    }

    /**
     * The monitoring denies on {@code Resource: "*"} with the same conditions (the exemption), merged into one
     * statement {@code ProtectMonitoring} where the first of them was: an SCP is limited to 5,120 characters.
     */
    static List<PolicyRule> mergedOnAnyResource(final List<PolicyRule> rules) {
        List<PolicyRule> mergeable = rules.stream().filter(r -> MONITORING_SIDS.contains(r.sid())
                && r.resources().equals(List.of("*")) && r.conditions().stream()
                .allMatch(c -> c.key().equals("aws:PrincipalArn"))).toList();
        if (mergeable.size() < 2) {
            return rules;
        }
        PolicyRule merged = PolicyRule.deny("ProtectMonitoring")
                .actions(mergeable.stream().flatMap(r -> r.actions().stream()).distinct().toList())
                .resources("*").when(mergeable.get(0).conditions()).build();
        List<PolicyRule> out = new ArrayList<>();
        for (PolicyRule r : rules) {
            if (r == mergeable.get(0)) {
                out.add(merged);
            } else if (!mergeable.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static String document(final List<PolicyRule> rules) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", rules.stream().map(PolicyRule::toJson).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PolicyRule> internetGuards(final Settings s) {
        String anyIgw = "arn:" + s.partition() + ":ec2:*:*:internet-gateway/*";
        if (s.internetVpcArns().isEmpty()) {
            return List.of(
                    PolicyRule.deny("NoInternetGateways").actions("ec2:CreateInternetGateway", "ec2:AttachInternetGateway")
                            .resources("*").build(),
                    PolicyRule.deny("NoPublicSubnets").actions("ec2:ModifySubnetAttribute").resources("*").build(),
                    PolicyRule.deny("NoPublicAddressesAtLaunch").actions("ec2:RunInstances")
                            .resources("arn:" + s.partition() + ":ec2:*:*:network-interface/*")
                            .when("Bool", "ec2:AssociatePublicIpAddress", "true").build());
        }
        List<String> exempt = new ArrayList<>(s.internetVpcArns());
        exempt.add(anyIgw);
        return List.of(
                PolicyRule.deny("NoInternetGatewaysOutsideAllowedVpcs").actions("ec2:AttachInternetGateway")
                        .notResources(exempt).build(),
                PolicyRule.deny("NoPublicSubnetsOutsideAllowedVpcs").actions("ec2:ModifySubnetAttribute")
                        .resources("arn:" + s.partition() + ":ec2:*:*:subnet/*")
                        .when("ArnNotEquals", "ec2:Vpc", s.internetVpcArns()).build(),
                PolicyRule.deny("NoPublicAddressesOutsideAllowedVpcs").actions("ec2:RunInstances")
                        .resources("arn:" + s.partition() + ":ec2:*:*:network-interface/*")
                        .when("Bool", "ec2:AssociatePublicIpAddress", "true")
                        .when("ArnNotEquals", "ec2:Vpc", s.internetVpcArns()).build());
    }

    private static List<PolicyRule> boundaryGuards(final String boundaryArn) {
        return List.of(
                PolicyRule.deny("KeepTheBoundaryOnRoles")
                        .actions("iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary")
                        .resources("*").build(),
                PolicyRule.deny("SetNoOtherBoundary")
                        .actions("iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary").resources("*")
                        .when("StringNotEquals", "iam:PermissionsBoundary", boundaryArn).build(),
                PolicyRule.deny("KeepTheBoundaryUnchanged").actions(BOUNDARY_POLICY_ACTIONS).resources(boundaryArn)
                        .build());
    }
}
