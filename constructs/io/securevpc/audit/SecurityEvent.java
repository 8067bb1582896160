package io.securevpc.audit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The changes and sign-ins the {@link SecurityAlarms} watch for in the trail's log group (BP-MON-3), each a
 * CloudWatch Logs metric filter pattern over CloudTrail records. The patterns follow the CIS AWS Foundations
 * Benchmark monitoring controls (v1.2.0 section 3, Security Hub CloudWatch.1-14) and add the network
 * gateways, transit gateways, VPC endpoints and flow logs of a VPC (BP-NET-10, BP-EP-2/5, BP-MV-4, BP-MON-1).
 *
 * <p>Each pattern is checked against published CloudTrail records by the tests (a match and a near-miss).
 */
public enum SecurityEvent {
    /** CIS 3.1: calls refused for lack of permission (BP-IAM-1). */
    UNAUTHORIZED_API_CALLS("Unauthorized API calls",
            "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }"),
    /**
     * CIS 3.2 (the variant for accounts with SSO): a successful console sign-in of an IAM user without MFA.
     * Root sign-ins are {@link #ROOT_ACCOUNT_USAGE}; federated (SSO) sign-ins carry no {@code MFAUsed} of
     * their own and are left out.
     */
    CONSOLE_SIGN_IN_WITHOUT_MFA("Console sign-in without MFA",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") "
                    + "&& ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"),
    /** CIS 3.3: anything the root user does itself (not an AWS service acting for it). */
    ROOT_ACCOUNT_USAGE("Root account usage",
            "{ ($.userIdentity.type = \"Root\") && ($.userIdentity.invokedBy NOT EXISTS) "
                    + "&& ($.eventType != \"AwsServiceEvent\") }"),
    /** CIS 3.4: IAM policy changes (BP-IAM-1..4). */
    IAM_POLICY_CHANGES("IAM policy changes", eventNames(
            "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
            "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
            "SetDefaultPolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
            "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy")),
    /** CIS 3.5: the trail itself changed or stopped (BP-AUD-1). */
    CLOUDTRAIL_CHANGES("CloudTrail configuration changes", eventNames(
            "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors",
            "PutInsightSelectors")),
    /** CIS 3.6: console sign-ins that failed authentication (password guessing, BP-IAM-1). */
    CONSOLE_SIGN_IN_FAILURES("Console sign-in failures",
            "{ ($.eventName = \"ConsoleLogin\") && ($.errorMessage = \"Failed authentication\") }"),
    /** CIS 3.9: the AWS Config recorder or delivery channel changed or stopped (BP-AUD-2). */
    CONFIG_CHANGES("AWS Config configuration changes",
            "{ ($.eventSource = \"config.amazonaws.com\") && (($.eventName = \"StopConfigurationRecorder\") "
                    + "|| ($.eventName = \"DeleteConfigurationRecorder\") || ($.eventName = \"DeleteDeliveryChannel\") "
                    + "|| ($.eventName = \"PutDeliveryChannel\") || ($.eventName = \"PutConfigurationRecorder\")) }"),
    /** CIS 3.7: a customer-managed key disabled or scheduled for deletion (encrypted audit data). */
    KMS_KEY_DISABLED("KMS key disabled or scheduled for deletion",
            "{ ($.eventSource = \"kms.amazonaws.com\") && (($.eventName = \"DisableKey\") "
                    + "|| ($.eventName = \"ScheduleKeyDeletion\")) }"),
    /**
     * CIS 3.8: S3 bucket policy, ACL, CORS, lifecycle and replication changes (BP-AUD-1: the archive's own policy
     * and lifecycle among them), plus Object Lock configuration changes.
     */
    S3_BUCKET_POLICY_CHANGES("S3 bucket policy changes",
            "{ ($.eventSource = \"s3.amazonaws.com\") && (($.eventName = \"PutBucketAcl\") "
                    + "|| ($.eventName = \"PutBucketPolicy\") || ($.eventName = \"PutBucketCors\") "
                    + "|| ($.eventName = \"PutBucketLifecycle\") || ($.eventName = \"PutBucketReplication\") "
                    + "|| ($.eventName = \"DeleteBucketPolicy\") || ($.eventName = \"DeleteBucketCors\") "
                    + "|| ($.eventName = \"DeleteBucketLifecycle\") || ($.eventName = \"DeleteBucketReplication\") "
                    + "|| ($.eventName = \"PutObjectLockConfiguration\")) }"),
    /** CIS 3.10: security group changes (BP-NET-2). */
    SECURITY_GROUP_CHANGES("Security group changes", eventNames(
            "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
            "RevokeSecurityGroupEgress", "ModifySecurityGroupRules", "UpdateSecurityGroupRuleDescriptionsIngress",
            "UpdateSecurityGroupRuleDescriptionsEgress", "CreateSecurityGroup", "DeleteSecurityGroup")),
    /** CIS 3.11: network ACL changes (BP-NET-4/5). */
    NACL_CHANGES("Network ACL changes", eventNames(
            "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
            "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")),
    /** CIS 3.12 plus NAT gateways: internet, NAT, virtual private and customer gateways (BP-NET-10/11). */
    NETWORK_GATEWAY_CHANGES("Network gateway changes", eventNames(
            "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
            "DeleteInternetGateway", "DetachInternetGateway", "CreateEgressOnlyInternetGateway",
            "DeleteEgressOnlyInternetGateway", "CreateNatGateway", "DeleteNatGateway", "CreateVpnGateway",
            "AttachVpnGateway", "DetachVpnGateway", "DeleteVpnGateway")),
    /** Transit gateways, their attachments and routes (BP-MV-4). */
    TRANSIT_GATEWAY_CHANGES("Transit gateway changes", eventNames(
            "CreateTransitGateway", "ModifyTransitGateway", "DeleteTransitGateway",
            "CreateTransitGatewayVpcAttachment", "ModifyTransitGatewayVpcAttachment",
            "DeleteTransitGatewayVpcAttachment", "AcceptTransitGatewayVpcAttachment",
            "CreateTransitGatewayPeeringAttachment", "AcceptTransitGatewayPeeringAttachment",
            "DeleteTransitGatewayPeeringAttachment", "CreateTransitGatewayRoute", "ReplaceTransitGatewayRoute",
            "DeleteTransitGatewayRoute", "AssociateTransitGatewayRouteTable",
            "DisassociateTransitGatewayRouteTable")),
    /** CIS 3.13: route table changes (BP-NET-3). */
    ROUTE_TABLE_CHANGES("Route table changes", eventNames(
            "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
            "DeleteRoute", "AssociateRouteTable", "DisassociateRouteTable")),
    /** CIS 3.14: VPC and peering changes (BP-NET-1, BP-MV-2). */
    VPC_CHANGES("VPC changes", eventNames(
            "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AssociateVpcCidrBlock", "DisassociateVpcCidrBlock",
            "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
            "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink",
            "EnableVpcClassicLink")),
    /** VPC endpoints and endpoint services (BP-EP-2/3/5, BP-MV-3). */
    VPC_ENDPOINT_CHANGES("VPC endpoint changes", eventNames(
            "CreateVpcEndpoint", "ModifyVpcEndpoint", "DeleteVpcEndpoints", "CreateVpcEndpointServiceConfiguration",
            "ModifyVpcEndpointServiceConfiguration", "DeleteVpcEndpointServiceConfigurations",
            "ModifyVpcEndpointServicePermissions", "AcceptVpcEndpointConnections")),
    /** Flow logs created or deleted (BP-MON-1). */
    FLOW_LOG_CHANGES("VPC flow log changes", eventNames("CreateFlowLogs", "DeleteFlowLogs"));

    /** CloudWatch Logs' limit on the length of a metric filter pattern. */
    public static final int MAX_PATTERN_LENGTH = 1024;

    private final String description;
    private final String pattern;

    SecurityEvent(final String description, final String pattern) {
        this.description = description;
        this.pattern = pattern;
    }

    /** @return what the alarm reports, in words. */
    public String description() {
        return description;
    }

    /** @return the CloudWatch Logs filter pattern over CloudTrail records. */
    public String pattern() {
        return pattern;
    }

    /** @return the CloudWatch metric name, e.g. {@code SecurityGroupChanges}. */
    public String metricName() {
        return List.of(name().toLowerCase(java.util.Locale.ROOT).split("_")).stream()
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
    }

    private static String eventNames(final String... names) {
        return List.of(names).stream().map(n -> "($.eventName = \"" + n + "\")")
                .collect(Collectors.joining(" || ", "{ ", " }"));
    }
}
