package io.securevpc.audit;

import io.securevpc.ErrorCode;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.WildcardAcknowledgements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.config.CfnConfigRule;
import software.amazon.awscdk.services.config.CfnConfigurationRecorder;
import software.amazon.awscdk.services.config.CfnDeliveryChannel;
import software.amazon.awscdk.services.config.CfnRemediationConfiguration;
import software.amazon.awscdk.services.config.ManagedRule;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * AWS Config for the VPC baseline (BP-AUD-2, BP-AUD-3): a configuration recorder of every supported resource
 * type, a delivery channel to the audit archive (SSE-KMS), a VPC-focused set of AWS managed rules, and
 * automatic roll-back through SSM Automation runbooks owned by AWS where the roll-back is safe:
 *
 * <table>
 *   <caption>Remediations</caption>
 *   <tr><th>rule</th><th>runbook</th><th>what it does</th></tr>
 *   <tr><td>restricted-ssh</td><td>{@code AWS-DisablePublicAccessForSecurityGroup}</td>
 *       <td>revokes SSH (22) and RDP (3389) open to the internet (BP-NET-2)</td></tr>
 *   <tr><td>vpc-default-security-group-closed</td><td>{@code AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules}</td>
 *       <td>removes every rule of a VPC's default security group (BP-NET-2)</td></tr>
 *   <tr><td>subnet-auto-assign-public-ip-disabled</td><td>{@code AWSConfigRemediation-DisableSubnetAutoAssignPublicIP}</td>
 *       <td>turns off public IPv4 auto-assignment on the subnet (BP-NET-1/10)</td></tr>
 * </table>
 *
 * <p>The other rules alert only: their fix depends on intent (which port, which route, which endpoint).
 * Runbooks run as one automation role, assumable only by SSM Automation of this account
 * ({@code aws:SourceAccount}, {@code aws:SourceArn}), with a customer-managed policy naming each action the
 * three runbooks call: describe calls on {@code *} (they have no resource-level permissions), the revoke
 * calls on security groups and the subnet attribute call on subnets, narrowed to this account and region by
 * {@code aws:ResourceAccount} and {@code aws:RequestedRegion} conditions (BP-IAM-1/2/3).
 *
 * <p>The recorder uses AWS Config's service-linked role {@code AWSServiceRoleForConfig} (created by AWS
 * Config, or once per account with {@code aws iam create-service-linked-role --aws-service-name
 * config.amazonaws.com}), so no AWS-managed policy is attached to a role of this stack. The recorder and the
 * delivery channel are {@code RETAIN}: deleting the stack does not stop the recording.
 */
public final class ConfigBaseline extends Construct {
    /** The managed rule identifier of no-unrestricted-route-to-igw (not among aws-cdk-lib's constants). */
    static final String NO_UNRESTRICTED_ROUTE_TO_IGW = "NO_UNRESTRICTED_ROUTE_TO_IGW";
    /** The managed rule identifier of multi-region-cloudtrail-enabled. */
    static final String MULTI_REGION_CLOUD_TRAIL_ENABLED = "MULTI_REGION_CLOUD_TRAIL_ENABLED";

    /**
     * The AWS-owned SSM Automation runbooks the remediations run, by name (e.g. for an alert on failed executions:
     * {@code io.securevpc.detection.RunbookFailureAlerts}).
     */
    public static final List<String> REMEDIATION_RUNBOOKS = List.of("AWS-DisablePublicAccessForSecurityGroup",
            "AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules",
            "AWSConfigRemediation-DisableSubnetAutoAssignPublicIP");

    /**
     * The AWS Security Hub CSPM controls (FSBP, CIS) whose check this baseline's own rules make as strictly or more,
     * by {@code SecurityControlId}, per the Security Hub user guide's control pages: default security group closed
     * (EC2.2, vpc-default-security-group-closed), instance public IP (EC2.9, ec2-instance-no-public-ip), SSH from
     * anywhere (EC2.13, restricted-ssh), RDP from anywhere (EC2.14, restricted-common-ports, whose default ports include
     * 3389), subnet public IP assignment (EC2.15), authorized ports (EC2.18: Security Hub authorizes 80 and 443, the
     * baseline 443 by default), NACL SSH/RDP (EC2.21), log file validation (CloudTrail.4), GuardDuty enabled
     * (GuardDuty.1). Left out on purpose: EC2.19 (Security Hub's own rule, on more ports than restricted-common-ports),
     * CloudTrail.1 (also requires read and write management events), EC2.6 (requires REJECT traffic logged). An alert on
     * the rules' non-compliance ({@code io.securevpc.detection.ConfigComplianceAlerts}) already reports these
     * controls' drift, so an alert on Security Hub's findings may leave them out.
     */
    public static final List<String> SECURITY_HUB_CONTROLS = List.of("EC2.2", "EC2.9", "EC2.13", "EC2.14", "EC2.15",
            "EC2.18", "EC2.21", "CloudTrail.4", "GuardDuty.1");

    private static final int DEFAULT_MAX_ATTEMPTS = 3;
    private static final int DEFAULT_RETRY_SECONDS = 60;
    private static final int MAX_ATTEMPTS = 25;
    private static final int MAX_RETRY_SECONDS = 2_678_000;
    private static final Pattern SERVICE_NAME = Pattern.compile("^[a-z0-9][a-z0-9.-]{0,62}$");

    private final ConfigBaselineProps props;
    private final CfnConfigurationRecorder recorder;
    private final CfnDeliveryChannel deliveryChannel;
    private final Map<String, ManagedRule> rules = new LinkedHashMap<>();
    /** The conformance pack's template resources: the rules scoped to a resource type, as CloudFormation declares them. */
    private final Map<String, Object> packRules = new LinkedHashMap<>();
    private final List<CfnRemediationConfiguration> remediations = new ArrayList<>();
    private final Role automationRole;

    public ConfigBaseline(final @NotNull Construct scope, final @NotNull String id,
                          final @Nullable ConfigBaselineProps props) {
        super(scope, id);
        this.props = props != null ? props : ConfigBaselineProps.builder().build();
        validate();
        boolean adopt = Boolean.TRUE.equals(this.props.getAdoptExistingRecorder());
        this.recorder = adopt ? null : createRecorder();
        this.deliveryChannel = adopt ? null : createDeliveryChannel();
        createRules();
        this.automationRole = createAutomationRole();
        createRemediations();
        if (Boolean.TRUE.equals(this.props.getConformancePack())) {
            ConfigBaselineOptions.conformancePack(this, packRules, recorder, deliveryChannel);
        }
        if (Boolean.TRUE.equals(this.props.getOrganizationAggregator())) {
            ConfigBaselineOptions.organizationAggregator(this);
        }
        warnAboutWeakenings();
    }

    /** @return the recorder, or {@code null} when the region's existing recorder is adopted. */
    public @Nullable CfnConfigurationRecorder getRecorder() {
        return recorder;
    }

    /** @return the delivery channel, or {@code null} when the region's existing recorder is adopted. */
    public @Nullable CfnDeliveryChannel getDeliveryChannel() {
        return deliveryChannel;
    }

    /** @return every rule, by construct id (e.g. {@code RestrictedSsh}). */
    public Map<String, ManagedRule> getRules() {
        return Map.copyOf(rules);
    }

    /** @return the role the remediation runbooks run as. */
    public IRole getAutomationRole() {
        return automationRole;
    }

    // -------------------------------------------------------------------------------- validation

    private void validate() {
        Problems problems = new Problems();
        ConfigBaselineProps p = props;
        if (Boolean.TRUE.equals(p.getAdoptExistingRecorder())) {
            if (p.getBucket() != null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "bucket", "(a bucket)",
                        "unset when adoptExistingRecorder is true: the existing delivery channel is kept");
            }
            if (p.getEncryptionKey() != null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "encryptionKey", "(a key)",
                        "unset when adoptExistingRecorder is true: the existing delivery channel is kept");
            }
            if (p.getRecordGlobalResources() != null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "recordGlobalResources", p.getRecordGlobalResources(),
                        "unset when adoptExistingRecorder is true: the existing recorder is kept");
            }
        } else {
            if (p.getBucket() == null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "bucket", null,
                        "the archive bucket (e.g. ConfigBaselineProps.builder(logArchive)), or "
                                + "adoptExistingRecorder true");
            }
            if (p.getEncryptionKey() == null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, "encryptionKey", null,
                        "a customer-managed key (e.g. ConfigBaselineProps.builder(logArchive)), or "
                                + "adoptExistingRecorder true");
            }
        }
        if (p.getMaxAutomaticAttempts() != null
                && (p.getMaxAutomaticAttempts() < 1 || p.getMaxAutomaticAttempts() > MAX_ATTEMPTS)) {
            problems.add(ErrorCode.CONFIG_RULES, "maxAutomaticAttempts", p.getMaxAutomaticAttempts(),
                    "1 to " + MAX_ATTEMPTS);
        }
        if (p.getRetryAttemptSeconds() != null
                && (p.getRetryAttemptSeconds() < 1 || p.getRetryAttemptSeconds() > MAX_RETRY_SECONDS)) {
            problems.add(ErrorCode.CONFIG_RULES, "retryAttemptSeconds", p.getRetryAttemptSeconds(),
                    "1 to " + MAX_RETRY_SECONDS);
        }
        if (p.getRemediationMode() == RemediationMode.ALERT_ONLY
                && (p.getMaxAutomaticAttempts() != null || p.getRetryAttemptSeconds() != null)) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "remediationMode", "ALERT_ONLY",
                    "AUTOMATIC when maxAutomaticAttempts or retryAttemptSeconds is set: they limit automatic runs");
        }
        List<Integer> ports = authorizedTcpPorts();
        if (ports.isEmpty()) {
            problems.add(ErrorCode.CONFIG_RULES, "authorizedTcpPorts", "[]",
                    "at least one TCP port (the rule needs one); leave unset for [443]");
        }
        for (int i = 0; i < ports.size(); i++) {
            Integer port = ports.get(i);
            if (port == null || port < 1 || port > 65_535) {
                problems.add(ErrorCode.PORT, "authorizedTcpPorts[" + i + "]", port, "a TCP port from 1 to 65535");
            }
        }
        List<String> services = requiredEndpointServices();
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i);
            if (service == null || !SERVICE_NAME.matcher(service).matches()) {
                problems.add(ErrorCode.CONFIG_RULES, "requiredEndpointServices[" + i + "]", service,
                        "the short name of an AWS service, e.g. 's3', 'ssm', 'logs'");
            }
        }
        problems.throwIfAny(() -> "ConfigBaseline " + getNode().getPath());
    }

    private List<Integer> authorizedTcpPorts() {
        return props.getAuthorizedTcpPorts() != null ? props.getAuthorizedTcpPorts() : List.of(443);
    }

    private List<String> requiredEndpointServices() {
        return props.getRequiredEndpointServices() != null ? props.getRequiredEndpointServices() : List.of("s3");
    }

    // -------------------------------------------------------------------------------- recorder

    private CfnConfigurationRecorder createRecorder() {
        Stack stack = Stack.of(this);
        CfnConfigurationRecorder created = CfnConfigurationRecorder.Builder.create(this, "Recorder")
                .roleArn("arn:" + stack.getPartition() + ":iam::" + stack.getAccount()
                        + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig")
                .recordingGroup(CfnConfigurationRecorder.RecordingGroupProperty.builder()
                        .allSupported(true)
                        .includeGlobalResourceTypes(!Boolean.FALSE.equals(props.getRecordGlobalResources()))
                        .build())
                .build();
        // Deleting or replacing the stack must not stop the recording (BP-AUD-2): the recorder stays; a new stack
        // in the same region then adopts it (adoptExistingRecorder), since a region has one recorder.
        created.applyRemovalPolicy(RemovalPolicy.RETAIN);
        return created;
    }

    private CfnDeliveryChannel createDeliveryChannel() {
        CfnDeliveryChannel channel = CfnDeliveryChannel.Builder.create(this, "DeliveryChannel")
                .s3BucketName(props.getBucket().getBucketName())
                .s3KmsKeyArn(props.getEncryptionKey().getKeyArn())
                .configSnapshotDeliveryProperties(CfnDeliveryChannel.ConfigSnapshotDeliveryPropertiesProperty.builder()
                        .deliveryFrequency("TwentyFour_Hours").build())
                .build();
        channel.applyRemovalPolicy(RemovalPolicy.RETAIN);
        channel.getNode().addDependency(recorder);
        if (props.getBucket().getPolicy() != null) {
            channel.getNode().addDependency(props.getBucket().getPolicy());
        }
        return channel;
    }

    // -------------------------------------------------------------------------------- rules

    private void createRules() {
        rule("VpcFlowLogsEnabled", "VPC_FLOW_LOGS_ENABLED", "AWS::EC2::VPC", null);
        rule("VpcDefaultSecurityGroupClosed", "VPC_DEFAULT_SECURITY_GROUP_CLOSED", "AWS::EC2::SecurityGroup", null);
        rule("RestrictedSsh", "INCOMING_SSH_DISABLED", "AWS::EC2::SecurityGroup", null);
        rule("RestrictedCommonPorts", "RESTRICTED_INCOMING_TRAFFIC", "AWS::EC2::SecurityGroup", null);
        rule("VpcSgOpenOnlyToAuthorizedPorts", "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", "AWS::EC2::SecurityGroup",
                Maps.of("authorizedTcpPorts",
                        authorizedTcpPorts().stream().map(String::valueOf).collect(Collectors.joining(","))));
        rule("NaclNoUnrestrictedSshRdp", "NACL_NO_UNRESTRICTED_SSH_RDP", "AWS::EC2::NetworkAcl", null);
        rule("SubnetAutoAssignPublicIpDisabled", "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", "AWS::EC2::Subnet", null);
        rule("NoUnrestrictedRouteToIgw", NO_UNRESTRICTED_ROUTE_TO_IGW, "AWS::EC2::RouteTable", null);
        rule("InternetGatewayAuthorizedVpcOnly", "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "AWS::EC2::InternetGateway",
                null);
        rule("Ec2InstanceNoPublicIp", "EC2_INSTANCE_NO_PUBLIC_IP", "AWS::EC2::Instance", null);
        for (String service : requiredEndpointServices()) {
            rule("ServiceVpcEndpointEnabled" + pascal(service), "SERVICE_VPC_ENDPOINT_ENABLED", "AWS::EC2::VPC",
                    Maps.of("serviceName", service));
        }
        rule("CloudTrailEnabled", "CLOUD_TRAIL_ENABLED", null, null);
        rule("MultiRegionCloudTrailEnabled", MULTI_REGION_CLOUD_TRAIL_ENABLED, null, null);
        rule("CloudTrailLogFileValidationEnabled", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", null, null);
        rule("GuardDutyEnabledCentralized", "GUARDDUTY_ENABLED_CENTRALIZED", null, null);
    }

    /**
     * One AWS-managed Config rule. Identifiers and resource types are written as strings, not through
     * {@code ManagedRuleIdentifiers} and {@code ResourceType}: jsii initializes each of those Java classes by
     * reading every constant from JavaScript (293 and 391 of them, plus one lookup per {@code ResourceType}
     * object), about 1,100 round trips per synth for the 11 values used here.
     */
    private void rule(final String id, final String identifier, final @Nullable String resourceType,
                      final @Nullable Map<String, Object> parameters) {
        ManagedRule.Builder builder = ManagedRule.Builder.create(this, id).identifier(identifier);
        if (parameters != null) {
            builder.inputParameters(parameters);
        }
        ManagedRule created = builder.build();
        if (resourceType != null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("ConfigRuleName", "securevpc-" + id.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
            properties.put("Source", Maps.of("Owner", "AWS", "SourceIdentifier", identifier));
            properties.put("Scope", Maps.of("ComplianceResourceTypes", List.of(resourceType)));
            if (parameters != null) {
                properties.put("InputParameters", parameters);
            }
            packRules.put(id, Maps.of("Type", "AWS::Config::ConfigRule", "Properties", properties));
        }
        if (resourceType != null) {
            ((CfnConfigRule) created.getNode().getDefaultChild()).setScope(CfnConfigRule.ScopeProperty.builder()
                    .complianceResourceTypes(List.of(resourceType)).build());
        }
        if (recorder != null) {
            created.getNode().addDependency(recorder, deliveryChannel);
        }
        rules.put(id, created);
    }

    private static String pascal(final String service) {
        return List.of(service.split("[.-]")).stream().filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
    }

    // -------------------------------------------------------------------------------- remediation

    private Role createAutomationRole() {
        Stack stack = Stack.of(this);
        // Account and region are narrowed by conditions, not in the ARN: CDK refuses to acknowledge a finding id
        // holding a second '::' (as a rendered <AWS::AccountId> would), and the ids stay the same everywhere.
        String arnPrefix = "arn:*:ec2:*:*";
        Map<String, Object> thisAccountAndRegion = Maps.of("StringEquals", Maps.of(
                "aws:ResourceAccount", Aws.ACCOUNT_ID, "aws:RequestedRegion", Aws.REGION));
        Role role = Role.Builder.create(this, "RemediationRole")
                .description("Runs the AWS Config remediation runbooks of " + getNode().getPath())
                .assumedBy(new ServicePrincipal("ssm.amazonaws.com", null).withConditions(Maps.of(
                        "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":ssm:"
                                + stack.getRegion() + ":" + stack.getAccount() + ":automation-execution/*"))))
                .build();
        List<PolicyStatement> statements = List.of(
                PolicyStatement.Builder.create()
                        .sid("DescribeHasNoResourceLevelPermissions")
                        .effect(Effect.ALLOW)
                        .actions(List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSubnets"))
                        .resources(List.of("*"))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("RevokeSecurityGroupRules")
                        .effect(Effect.ALLOW)
                        .actions(List.of("ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"))
                        .resources(List.of(arnPrefix + ":security-group/*"))
                        .conditions(thisAccountAndRegion)
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("DisableSubnetPublicIpAutoAssignment")
                        .effect(Effect.ALLOW)
                        .actions(List.of("ec2:ModifySubnetAttribute"))
                        .resources(List.of(arnPrefix + ":subnet/*"))
                        .conditions(thisAccountAndRegion)
                        .build());
        ManagedPolicy policy = ManagedPolicy.Builder.create(this, "RemediationPolicy")
                .description("The actions of the three remediation runbooks, nothing else")
                .statements(statements)
                .roles(List.of(role))
                .build();
        WildcardAcknowledgements.acknowledge(policy, statements,
                "The three remediation runbooks act on whichever security group or subnet a rule finds "
                        + "non-compliant, so the revoke and modify calls name security groups and subnets by "
                        + "wildcard, not named ones (BP-IAM-2)");
        return role;
    }

    private void createRemediations() {
        remediate("RestrictedSsh", REMEDIATION_RUNBOOKS.get(0), "AWS::EC2::SecurityGroup", "GroupId");
        remediate("VpcDefaultSecurityGroupClosed", REMEDIATION_RUNBOOKS.get(1),
                "AWS::EC2::SecurityGroup", "GroupId");
        remediate("SubnetAutoAssignPublicIpDisabled", REMEDIATION_RUNBOOKS.get(2),
                "AWS::EC2::Subnet", "SubnetId");
    }

    private void remediate(final String ruleId, final String runbook, final String resourceType,
                           final String resourceParameter) {
        boolean automatic = remediationMode() == RemediationMode.AUTOMATIC;
        CfnRemediationConfiguration.Builder builder = CfnRemediationConfiguration.Builder.create(this,
                        ruleId + "Remediation")
                .configRuleName(rules.get(ruleId).getConfigRuleName())
                .targetType("SSM_DOCUMENT")
                .targetId(runbook)
                .resourceType(resourceType)
                .automatic(automatic)
                .parameters(Maps.of(
                        resourceParameter, Maps.of("ResourceValue", Maps.of("Value", "RESOURCE_ID")),
                        "AutomationAssumeRole", Maps.of("StaticValue", Maps.of("Values",
                                List.of(automationRole.getRoleArn())))));
        if (automatic) {
            builder.maximumAutomaticAttempts(props.getMaxAutomaticAttempts() != null
                            ? props.getMaxAutomaticAttempts() : DEFAULT_MAX_ATTEMPTS)
                    .retryAttemptSeconds(props.getRetryAttemptSeconds() != null
                            ? props.getRetryAttemptSeconds() : DEFAULT_RETRY_SECONDS);
        }
        remediations.add(builder.build());
    }

    private RemediationMode remediationMode() {
        return props.getRemediationMode() != null ? props.getRemediationMode() : RemediationMode.AUTOMATIC;
    }

    private void warnAboutWeakenings() {
        if (remediationMode() == RemediationMode.ALERT_ONLY) {
            Annotations.of(this).addWarningV2("@securevpc/audit:remediationAlertOnly",
                    "remediationMode is ALERT_ONLY: non-compliant security groups and subnets stay as they are "
                            + "until an operator runs the remediation (BP-AUD-3).");
        }
    }
}
