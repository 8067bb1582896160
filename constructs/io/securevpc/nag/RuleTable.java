package io.securevpc.nag;

import static io.securevpc.nag.RuleCategory.AUDIT;
import static io.securevpc.nag.RuleCategory.CONNECTIVITY;
import static io.securevpc.nag.RuleCategory.DNS;
import static io.securevpc.nag.RuleCategory.ENDPOINTS;
import static io.securevpc.nag.RuleCategory.FLOW_LOGS;
import static io.securevpc.nag.RuleCategory.IAM;
import static io.securevpc.nag.RuleCategory.NACLS;
import static io.securevpc.nag.RuleCategory.ROUTING;
import static io.securevpc.nag.RuleCategory.SECURITY_GROUPS;

import io.github.cdklabs.cdknag.NagMessageLevel;
import io.securevpc.compliance.DnsFirewallRequirement;
import io.securevpc.compliance.PublicIngressMarker;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.audit.AlertTopicSubscribed;
import io.securevpc.nag.rules.audit.AuditBaselineComplete;
import io.securevpc.nag.rules.audit.AuditBaselinePresent;
import io.securevpc.nag.rules.ec2.DefaultRouteToIgwOnlyFromPublicTier;
import io.securevpc.nag.rules.ec2.EndpointServiceRestricted;
import io.securevpc.nag.rules.ec2.FlowLogDestinationEncrypted;
import io.securevpc.nag.rules.ec2.FlowLogFormatComplete;
import io.securevpc.nag.rules.ec2.InterfaceEndpointPrivateDns;
import io.securevpc.nag.rules.ec2.InterfaceEndpointSecurityGroupsRestricted;
import io.securevpc.nag.rules.ec2.IsolatedVpcHasS3GatewayEndpoint;
import io.securevpc.nag.rules.ec2.NetworkAclAssociated;
import io.securevpc.nag.rules.ec2.NetworkAclDenyBeforeAllow;
import io.securevpc.nag.rules.ec2.NetworkAclEphemeralReturn;
import io.securevpc.nag.rules.ec2.NetworkAclNoUnrestrictedAdminOrAllPorts;
import io.securevpc.nag.rules.ec2.NetworkAclNoWorldInboundWithoutInternetRoute;
import io.securevpc.nag.rules.ec2.PeeringNoOverlappingCidrs;
import io.securevpc.nag.rules.ec2.PeeringRouteSpecific;
import io.securevpc.nag.rules.ec2.RouteTableNoIgwRouteFromPrivateTier;
import io.securevpc.nag.rules.ec2.SecurityGroupNoAllowAllEgress;
import io.securevpc.nag.rules.ec2.SecurityGroupNoWorldIngress;
import io.securevpc.nag.rules.ec2.SecurityGroupPrefersGroupReferences;
import io.securevpc.nag.rules.ec2.SubnetNoPublicIpOutsidePublicTier;
import io.securevpc.nag.rules.ec2.TransitGatewayFlowLog;
import io.securevpc.nag.rules.ec2.TransitGatewayNoDefaultRouteTableOrAutoAccept;
import io.securevpc.nag.rules.ec2.VpcEndpointPolicyRestricted;
import io.securevpc.nag.rules.ec2.VpcBlockPublicAccessEnabled;
import io.securevpc.nag.rules.ec2.VpcFlowLogAllTraffic;
import io.securevpc.nag.rules.iam.RolePolicyWildcardResourceNarrowed;
import io.securevpc.nag.rules.route53resolver.VpcDnsFirewall;
import io.securevpc.nag.rules.route53resolver.VpcDnsFirewallRequired;
import io.securevpc.nag.rules.route53resolver.VpcResolverQueryLogging;
import io.securevpc.nag.rules.ec2.VpnTunnelLogging;
import io.securevpc.nag.rules.ec2.VpnTunnelStrongCrypto;
import io.securevpc.nag.rules.iam.RoleSeparatesSecurityGroupAndNaclDuties;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pack's table: every rule of {@link BlueprintChecks} with its level, BP-* ids, message and explanation,
 * grouped by {@link RuleCategory} in the order of {@code RULES.md}, which a test generates from this table.
 * A rule's id is its class name ({@link RuleSpec#id()}). To add a rule: write its class in
 * {@code nag.rules.<service>}, add its row here, and regenerate {@code RULES.md} (see its header).
 */
public final class RuleTable {
    private static final NagMessageLevel ERROR = NagMessageLevel.ERROR;
    private static final NagMessageLevel WARN = NagMessageLevel.WARN;
    /** The tag that marks a security group public, as rules and messages name it. */
    private static final String DNS_FIREWALL_TAG = DnsFirewallRequirement.TAG_KEY + "="
            + DnsFirewallRequirement.TAG_VALUE;
    private static final String PUBLIC_TAG = PublicIngressMarker.TAG_KEY + "=" + PublicIngressMarker.TAG_VALUE;

    /** Every rule of the pack, by category, in the order of RULES.md. */
    public static final List<RuleSpec> RULES = Stream.of(
            // flow logs
            row(new VpcFlowLogAllTraffic(), FLOW_LOGS, ERROR, "BP-MON-1")
                    .info("The VPC has no flow log of ALL traffic anywhere in the app.")
                    .why("Flow logs of all traffic (accepted and rejected) show over-restrictive rules, unexpected "
                            + "traffic and trends (BP-MON-1); a flow log in another stack of the app counts.")
                    .fix("Use SecureVpc (flow logs of ALL traffic by default) or add a flow log with trafficType ALL "
                            + "for the VPC in any stack of the app."),
            row(new FlowLogFormatComplete(), FLOW_LOGS, ERROR, "BP-MON-1")
                    .info("The flow log's record format lacks security-relevant fields.")
                    .why("Without vpc-id, subnet-id, instance-id, tcp-flags, pkt-srcaddr/pkt-dstaddr, flow-direction "
                            + "and traffic-path a record cannot be tied to a workload or to the original addresses "
                            + "behind NAT (BP-MON-1).")
                    .fix("Use SecureVpc's default format (FlowLogFormat) or add the missing fields to the flow log's "
                            + "LogFormat; a Transit Gateway flow log records all its fields when it sets no LogFormat.")
                    .findings("the missing field, e.g. `[tcp-flags]`"),
            row(new TransitGatewayFlowLog(), FLOW_LOGS, WARN, "BP-MON-1")
                    .info("The Transit Gateway has no flow log anywhere in the app.")
                    .why("VPC flow logs do not show what crosses the hub between attachments, or what it drops for "
                            + "lack of a route (BP-MON-1).")
                    .fix("Use io.securevpc.connectivity.TransitGateway (flow logs on by default) or add an "
                            + "AWS::EC2::FlowLog with ResourceType TransitGateway for it in any stack of the app."),
            row(new VpnTunnelLogging(), FLOW_LOGS, WARN, "BP-MON-1", "BP-NET-11")
                    .info("A tunnel of the Site-to-Site VPN connection sends no logs to CloudWatch Logs.")
                    .why("Tunnel logs show IKE negotiation failures, tunnel flaps and dead-peer detection: the record "
                            + "of the path that replaces the internet (BP-NET-11, BP-MON-1). They are off unless set.")
                    .fix("Use io.securevpc.connectivity.SiteToSiteVpn (tunnel logs on by default) or set every "
                            + "tunnel's LogOptions.CloudwatchLogOptions LogEnabled true with a LogGroupArn.")
                    .findings("`[Tunnel<i>]`, `[VpnTunnelOptionsSpecifications]`"),
            row(new FlowLogDestinationEncrypted(), FLOW_LOGS, ERROR, "BP-MON-1")
                    .info("The flow log's destination is not encrypted with a customer-managed KMS key.")
                    .why("Flow logs record every connection of the VPC; a customer-managed key's policy decides who "
                            + "can read them (BP-MON-1).")
                    .fix("Give the destination a customer-managed KMS key: SecureVpc's flowLogKey (CloudWatch Logs) or "
                            + "flowLogBucketEncryption KMS (S3), or a KMSMasterKeyID on the bucket's encryption."),
            // DNS
            row(new VpcResolverQueryLogging(), DNS, ERROR, "BP-MON-1", "BP-NET-6")
                    .info("The VPC's DNS queries are not logged: no Route 53 Resolver query logging configuration is "
                            + "associated with it anywhere in the app.")
                    .why("Queries to the Amazon-provided resolver pass no security group or NACL and appear in no flow "
                            + "log (BP-NET-6); query logs show which workload looked up which name (BP-MON-1).")
                    .fix("Use SecureVpc (Resolver query logging beside its flow logs by default) or associate an "
                            + "AWS::Route53Resolver::ResolverQueryLoggingConfig with the VPC in any stack of the app."),
            row(new VpcDnsFirewall(), DNS, WARN, "BP-NET-6")
                    .info("The VPC's DNS queries are not filtered: no Route 53 Resolver DNS Firewall rule group is "
                            + "associated with it with MutationProtection ENABLED.")
                    .why("DNS is the path out of a VPC that security groups and NACLs cannot close (BP-NET-6): lookups "
                            + "of malware and command-and-control domains, and data tunnelled in queries.")
                    .fix("Add io.securevpc.network.DnsFirewall for the VPC with the region's AWS-managed domain list "
                            + "ids (or allowedDomains for allow-list mode)."),
            row(new VpcDnsFirewallRequired(), DNS, ERROR, "BP-NET-6")
                    .info("The VPC is tagged " + DNS_FIREWALL_TAG + " but its DNS queries are not filtered: no Route "
                            + "53 Resolver DNS Firewall rule group is associated with it with MutationProtection "
                            + "ENABLED.")
                    .why("The VPC's environment requires its DNS filtered (the app tags a regulated environment's "
                            + "VPC): DNS is the path out of a VPC that security groups and NACLs cannot close "
                            + "(BP-NET-6).")
                    .fix("Add io.securevpc.network.DnsFirewall for the VPC with the region's AWS-managed domain list "
                            + "ids (or allowedDomains for allow-list mode); in the app, set the environment's "
                            + "dnsFirewallDomainListIds."),
            // security groups
            row(new SecurityGroupNoWorldIngress(), SECURITY_GROUPS, ERROR, "BP-NET-2", "BP-NET-10")
                    .info("The security group allows ingress from 0.0.0.0/0 or ::/0 other than TCP 80/443 on a group "
                            + "marked public (tagged " + PUBLIC_TAG + ").")
                    .why("Internet ingress belongs to an explicit public tier (BP-NET-10): only load balancers' "
                            + "groups, tagged " + PUBLIC_TAG + ", take 80/443 from anywhere (BP-NET-2).")
                    .fix("Allow the port from a security group or the peer's CIDR instead; for a load balancer's TCP "
                            + "80/443 use TierSecurityGroup with publicIngressPorts, which tags the group "
                            + PUBLIC_TAG + ".")
                    .findings("`[<cidr>:<protocol>:<ports>]`, e.g. `[0.0.0.0/0:tcp:22]`"),
            row(new SecurityGroupNoAllowAllEgress(), SECURITY_GROUPS, WARN, "BP-NET-2", "BP-IAM-1")
                    .info("The security group allows all traffic to 0.0.0.0/0 or ::/0 (or has AWS's default egress).")
                    .why("Egress is least privilege too (BP-IAM-1): allow only the ports and peers the members need "
                            + "(BP-NET-2).")
                    .fix("Create the group with allowAllOutbound false and allow only the ports and peers the members "
                            + "need (TierSecurityGroup does both).")
                    .findings("`[default-egress]` (no egress rule, AWS default) or `[<cidr>:all]`"),
            row(new SecurityGroupPrefersGroupReferences(), SECURITY_GROUPS, WARN, "BP-NET-2", "BP-NET-8")
                    .info("The security group rule names a wide CIDR where a security-group reference would do.")
                    .why("Rules that reference groups follow their members; a rule on private CIDRs does not match "
                            + "traffic that arrives with a public source address (BP-NET-2, BP-NET-8).")
                    .fix("Reference the peer's security group (connections.allowFrom(peerGroup, port)) instead of its "
                            + "CIDR.")
                    .findings("`[ingress:<cidr>]` / `[egress:<cidr>]`"),
            // network ACLs
            row(new NetworkAclNoUnrestrictedAdminOrAllPorts(), NACLS, ERROR, "BP-NET-4", "BP-NET-5")
                    .info("The NACL entry allows 0.0.0.0/0 or ::/0 to SSH/RDP (22/3389) or to every port.")
                    .why("NACLs are the subnet-level guard and the place for explicit denies (BP-NET-4, BP-NET-5); "
                            + "they must never open remote administration or all ports to the internet.")
                    .fix("Remove the entry, or narrow its CIDR to the administrators' network and its ports to the "
                            + "service's; SecureVpc opens only the ports of its tiers."),
            row(new NetworkAclDenyBeforeAllow(), NACLS, ERROR, "BP-NET-4", "BP-NET-5")
                    .info("A deny entry of the NACL is numbered above an allow entry of the same direction.")
                    .why("Entries are evaluated in rule-number order and the first match wins (BP-NET-4): a deny "
                            + "after an allow may never apply, so block lists sit below every allow (BP-NET-5).")
                    .fix("Give the deny entry a rule number below every allow entry of its direction (SecureVpc "
                            + "numbers its blockList entries so).")
                    .findings("the deny entry, e.g. `[ingress-200]`"),
            row(new NetworkAclEphemeralReturn(), NACLS, ERROR, "BP-NET-4", "BP-NET-5")
                    .info("The NACL allows inbound traffic whose responses no outbound entry lets out on ephemeral "
                            + "ports.")
                    .why("NACLs are stateless: return traffic needs its own outbound entry on the ephemeral range "
                            + "1024-65535 (BP-NET-4), or the subnet-level guard of BP-NET-5 breaks its own tier.")
                    .fix("Add an outbound entry allowing TCP 1024-65535 to the inbound entry's source (SecureVpc adds "
                            + "it for every tier it opens).")
                    .findings("the inbound entry, e.g. `[ingress-110]`"),
            row(new NetworkAclNoWorldInboundWithoutInternetRoute(), NACLS, ERROR, "BP-NET-4", "BP-NET-5")
                    .info("The NACL of subnets with no internet route admits inbound traffic from the whole internet "
                            + "(0.0.0.0/0, ::/0, or entries that add up to them).")
                    .detail("Judged on the union of the inbound allow entries. A NACL tagged "
                            + "securevpc:gateway-endpoint-return=true (SubnetTier gatewayEndpointReturnFromAnywhere, "
                            + "which warns) may take ephemeral ports from anywhere.")
                    .why("Nothing from the internet reaches a tier without an internet route: such an entry only opens "
                            + "the tier to the rest of the VPC, peers and VPNs on every port it names, around the "
                            + "tier's declared sources (BP-NET-4, BP-NET-5). Return traffic names its real peers.")
                    .fix("Name the peers: the tiers, VPN, peer or Transit Gateway CIDRs the subnets talk to, or the "
                            + "gateway endpoints' ranges (SubnetTier gatewayEndpointCidrs).")
                    .findings("the inbound entry, e.g. `[ingress-1040]`"),
            row(new NetworkAclAssociated(), NACLS, WARN, "BP-NET-4")
                    .info("The NACL is associated with no subnet.")
                    .why("A NACL filters only its associated subnets (BP-NET-4); an unassociated one usually means "
                            + "the subnets fell back to the default NACL.")
                    .fix("Associate the NACL with its tier's subnets (NetworkAcl subnetSelection, or a "
                            + "SubnetNetworkAclAssociation), or remove it."),
            // subnets and routing
            row(new SubnetNoPublicIpOutsidePublicTier(), ROUTING, ERROR, "BP-NET-1", "BP-NET-10")
                    .info("A subnet outside the public tier assigns public IPv4 addresses at launch.")
                    .why("Workloads live in private subnets (BP-NET-1); inbound exposure stays in an explicit public "
                            + "tier (BP-NET-10).")
                    .fix("Set MapPublicIpOnLaunch false on the subnet, or declare it in a TierKind.PUBLIC tier of "
                            + "SecureVpc if it must be public."),
            row(new RouteTableNoIgwRouteFromPrivateTier(), ROUTING, ERROR, "BP-NET-3", "BP-NET-10")
                    .info("The route table of a private or isolated subnet has a route to an internet gateway.")
                    .why("Routes decide where traffic goes (BP-NET-3); private tiers reach out through NAT only, "
                            + "isolated ones not at all (BP-NET-10).")
                    .fix("Remove the route to the internet gateway; a private tier reaches out through NAT (SecureVpc "
                            + "natStrategy), an isolated one not at all."),
            row(new DefaultRouteToIgwOnlyFromPublicTier(), ROUTING, ERROR, "BP-NET-3", "BP-NET-10")
                    .info("A default route to an internet gateway serves subnets outside the public tier.")
                    .why("Routes decide where traffic goes (BP-NET-3); the internet gateway is the way in from the "
                            + "internet: keep it to the explicit public tier (BP-NET-10).")
                    .fix("Route 0.0.0.0/0 to the internet gateway only from the public tier's route tables; route "
                            + "private tiers through NAT."),
            row(new VpcBlockPublicAccessEnabled(), ROUTING, WARN, "BP-NET-10")
                    .info("The account and region of the VPC have no VPC Block Public Access options in the app, and "
                            + "no stack of them declares that they are managed elsewhere.")
                    .why("Block Public Access overrides routes and security groups account-wide: only the subnets "
                            + "excluded on purpose (a public tier) are reachable from the internet (BP-NET-10), "
                            + "including VPCs created later outside the app.")
                    .fix("Add io.securevpc.network.VpcBlockPublicAccess to one stack per account and region (and "
                            + "VpcBlockPublicAccess.excludePublicTiers for public tiers), or declare "
                            + "AuditBaselineDeclaration.VPC_BLOCK_PUBLIC_ACCESS."),
            // VPC endpoints
            row(new VpcEndpointPolicyRestricted(), ENDPOINTS, ERROR, "BP-EP-2", "BP-EP-3")
                    .info("The VPC endpoint has no policy, or a statement allowing Principal * every action with no "
                            + "Condition.")
                    .detail("Not checked for an endpoint of an endpoint service of the same app (a load balancer "
                            + "carrying TCP: no AWS API request for a policy to decide on).")
                    .why("An endpoint policy is the resource policy of the endpoint (BP-EP-3) and how gateway "
                            + "endpoints are controlled (BP-EP-2); without one, or with a full-access one, the endpoint "
                            + "reaches any resource of the service, of any account.")
                    .fix("Give the endpoint a policy that names principals or conditions (EndpointPolicy, or the "
                            + "accessBoundary prop of InterfaceEndpoints/GatewayEndpoints).")
                    .findings("`[Statement[i]]` for a full-access statement; no suffix when there is no policy"),
            row(new InterfaceEndpointPrivateDns(), ENDPOINTS, ERROR, "BP-EP-5")
                    .info("The interface endpoint does not enable private DNS.")
                    .detail("Not checked for an endpoint of an endpoint service of the same app, which "
                            + "CloudFormation cannot give a private DNS name.")
                    .why("With private DNS the service's name resolves to the endpoint inside the VPC, so clients use "
                            + "it instead of the public endpoint (BP-EP-5).")
                    .fix("Set privateDnsEnabled true on the endpoint (InterfaceEndpoints always does)."),
            row(new InterfaceEndpointSecurityGroupsRestricted(), ENDPOINTS, ERROR, "BP-EP-5", "BP-NET-2")
                    .info("A security group of the interface endpoint allows ingress from 0.0.0.0/0 or ::/0, or on "
                            + "every port.")
                    .why("Interface endpoints take security groups on their ENIs (BP-EP-5): allow the service port "
                            + "from the VPC's clients only (BP-NET-2).")
                    .fix("Allow the service port only from the VPC's clients: InterfaceEndpoints consumers or "
                            + "consumerCidrs.")
                    .findings("`[<GroupLogicalId>:<cidr>]`, `[<GroupLogicalId>:all-ports]`"),
            row(new IsolatedVpcHasS3GatewayEndpoint(), ENDPOINTS, WARN, "BP-EP-1", "BP-EP-4")
                    .info("A VPC without internet egress has no S3 gateway endpoint and no security-group egress to a "
                            + "prefix list.")
                    .detail("A VPC is without internet egress when no route table of it in the app routes to an "
                            + "internet gateway or a NAT gateway.")
                    .why("A VPC without internet egress reaches AWS services through endpoints (BP-EP-1), S3 through a "
                            + "gateway endpoint whose prefix list security groups name instead of wide CIDRs (BP-EP-4).")
                    .fix("Add GatewayEndpoints (S3 and DynamoDB gateway endpoints on the private and isolated tiers) and "
                            + "allow HTTPS to the S3 prefix list (GatewayEndpoints.allowHttpsEgress)."),
            // connectivity between VPCs
            row(new PeeringRouteSpecific(), CONNECTIVITY, ERROR, "BP-MV-1", "BP-MV-2")
                    .info("A route through a VPC peering connection is a default route or reaches beyond the peer VPC.")
                    .detail("The peer VPC is the other side of the connection: the peer for the requester's routes, "
                            + "the requester for the accepter's.")
                    .why("Peering is not transitive (BP-MV-2): route only the peer's specific CIDRs to keep the "
                            + "blast radius small (BP-MV-1).")
                    .fix("Route only the peer VPC's CIDRs through the peering connection (VpcPeering routes the peer's "
                            + "CIDRs to routeTiers)."),
            row(new PeeringNoOverlappingCidrs(), CONNECTIVITY, ERROR, "BP-MV-2")
                    .info("The two VPCs of the peering connection have overlapping CIDRs.")
                    .why("Overlapping ranges cannot be routed between peered VPCs (BP-MV-2).")
                    .fix("Give one of the VPCs a CIDR that does not overlap the other's; peering cannot be fixed with "
                            + "routes."),
            row(new EndpointServiceRestricted(), CONNECTIVITY, ERROR, "BP-MV-3")
                    .info("The PrivateLink endpoint service does not require acceptance, or does not name its "
                            + "allowed principals, or allows *.")
                    .why("A service you provide over PrivateLink (BP-MV-3) accepts only the consumers it names and "
                            + "approves.")
                    .fix("Set acceptanceRequired true and name the consumers' account principals in allowedPrincipals "
                            + "(PrivateLinkService does both).")
                    .findings("`[AcceptanceRequired]`, `[AllowedPrincipals]`, `[WildcardPrincipal]`"),
            row(new TransitGatewayNoDefaultRouteTableOrAutoAccept(), CONNECTIVITY, ERROR, "BP-MV-1", "BP-MV-4")
                    .info("The Transit Gateway associates or propagates attachments to its default route table, or "
                            + "accepts shared attachments automatically.")
                    .detail("CloudFormation enables default route table association and propagation when the "
                            + "properties are absent: they must be set to disable.")
                    .why("With the default route table every attached network reaches every other one; auto-accept "
                            + "attaches any account the gateway is shared with unreviewed. A hub (BP-MV-4) keeps the "
                            + "blast radius small with a route table per attachment (BP-MV-1).")
                    .fix("Set DefaultRouteTableAssociation, DefaultRouteTablePropagation and "
                            + "AutoAcceptSharedAttachments to disable (the blueprint's TransitGateway does).")
                    .findings("the property, e.g. `[DefaultRouteTablePropagation]`"),
            row(new VpnTunnelStrongCrypto(), CONNECTIVITY, ERROR, "BP-NET-11", "BP-MV-4")
                    .info("A tunnel of the Site-to-Site VPN connection allows IKEv1, a cipher other than AES-256, SHA-1, "
                            + "a Diffie-Hellman group outside 14-21, or leaves one of them unset.")
                    .detail("An unset list takes AWS's defaults, which include IKEv1, AES-128, SHA-1 and DH groups 2, "
                            + "5, 22-24.")
                    .why("On-premises connectivity, to a VPC or a Transit Gateway hub (BP-MV-4), replaces the internet "
                            + "(BP-NET-11) only if its tunnels resist it: IKEv2, AES-256, SHA-2 and strong DH groups in "
                            + "both phases of both tunnels.")
                    .fix("Set every tunnel's IKEVersions, Phase1/Phase2 EncryptionAlgorithms, IntegrityAlgorithms and "
                            + "DHGroupNumbers (the blueprint's SiteToSiteVpn does).")
                    .findings("`[Tunnel<i>.<property>]`, `[VpnTunnelOptionsSpecifications]`, `[Tunnel1]`"),
            // audit baseline
            row(new AuditBaselinePresent(), AUDIT, ERROR, "BP-AUD-1", "BP-AUD-2", "BP-MON-2")
                    .info("The app creates a VPC but has no multi-region trail with log file validation, Config "
                            + "recorder or GuardDuty detector, and does not declare that the account has them.")
                    .why("CloudTrail records every API call (BP-AUD-1), Config every configuration change "
                            + "(BP-AUD-2), GuardDuty watches flow and DNS logs (BP-MON-2): a VPC without them is "
                            + "unobserved.")
                    .fix("Add the audit baseline to a stack of the app: io.securevpc.audit.AuditTrail (CloudTrail), "
                            + "io.securevpc.audit.ConfigBaseline (Config) and io.securevpc.detection.ThreatDetection "
                            + "(GuardDuty), or declare that the account has them with "
                            + "io.securevpc.compliance.AuditBaselineDeclaration.declare(stack, reason, parts).")
                    .findings("`[CloudTrail]`, `[Config]`, `[GuardDuty]`"),
            row(new AuditBaselineComplete(), AUDIT, ERROR, "BP-AUD-1", "BP-AUD-2", "BP-AUD-3", "BP-MON-2",
                    "BP-MON-3")
                    .info("The account and region of the VPC lack part of the audit baseline, and no stack there "
                            + "declares it.")
                    .detail("Per account (CloudTrail, alarms) and account and region (Config, its rules, GuardDuty) "
                            + "of the VPC's stack: a multi-region trail with log file validation; a Config recorder "
                            + "of all supported types, one recording global types; the VPC Config rules "
                            + "ConfigBaseline deploys; an enabled GuardDuty detector; a metric filter and alarm per "
                            + "SecurityEvent on the trail's log group, each alarm notifying an SNS topic.")
                    .why("CloudTrail records every API call (BP-AUD-1), Config every change (BP-AUD-2) and its rules "
                            + "enforce the VPC practices (BP-AUD-3), GuardDuty watches flow and DNS logs (BP-MON-2), "
                            + "and alarms on the trail tell someone (BP-MON-3): each account and region that hosts a "
                            + "VPC needs all of them.")
                    .fix("Add an io.securevpc.audit AuditTrail, SecurityAlarms and ConfigBaseline and an "
                            + "io.securevpc.detection.ThreatDetection to a stack of that account and region (the app's "
                            + "AuditStack and DetectionStack do), or declare the parts the account has with "
                            + "io.securevpc.compliance.AuditBaselineDeclaration.declare(stack, reason, parts) in a "
                            + "stack of that account and region.")
                    .findings("`[CloudTrail]`, `[ConfigRecorder]`, `[ConfigGlobalResources]`, `[ConfigRules]`, "
                            + "`[GuardDuty]`, `[TrailAlarms]`, `[AlertTopic]`"),
            row(new AlertTopicSubscribed(), AUDIT, WARN, "BP-MON-3", "BP-MON-5")
                    .info("Alarms or EventBridge rules of the app notify an SNS topic that nobody is subscribed to.")
                    .detail("Subscriptions made outside the app cannot be seen: acknowledge the finding on the topic "
                            + "with where they are.")
                    .why("An alarm (BP-MON-3) or an automatic remediation's notification (BP-MON-5) that reaches "
                            + "no one is not monitoring.")
                    .fix("Subscribe the security team to the topic (an AWS::SNS::Subscription, e.g. "
                            + "topic.addSubscription(new EmailSubscription(...))), in the app or outside it."),
            // IAM
            row(new RoleSeparatesSecurityGroupAndNaclDuties(), IAM, ERROR, "BP-IAM-4", "BP-NET-5")
                    .info("The IAM role can modify both security groups and network ACLs.")
                    .why("Security groups and NACLs are managed through different actions so that different roles "
                            + "can own them (BP-IAM-4, BP-NET-5).")
                    .fix("Give security-group and NACL changes to different roles (NetworkOperatorRoles: "
                            + "SecurityGroupAdmin and NaclAdmin)."),
            row(new RolePolicyWildcardResourceNarrowed(), IAM, ERROR, "BP-IAM-1", "BP-IAM-2", "BP-IAM-3")
                    .info("A role's policy allows an action on a wildcard resource with no condition narrowing it.")
                    .detail("Wildcard: `*`, or `*` in an ARN's region, account or resource id. Narrowing: `ec2:Vpc`, "
                            + "or `aws:ResourceAccount` with `aws:RequestedRegion`, or `aws:ResourceTag/<key>` "
                            + "(ArnEquals/ArnLike/StringEquals/StringLike, values without `*`). Exempt: the actions "
                            + "without resource-level permissions listed in the rule (e.g. ec2:DescribeInstances).")
                    .why("Least privilege names the resources a role acts on (BP-IAM-1) through resource-level and "
                            + "tag-based permissions (BP-IAM-2); where the resource cannot be named (remediation of "
                            + "whatever an event names) a condition narrows the statement (BP-IAM-3).")
                    .fix("Name the resources, or add a condition: ec2:Vpc (ArnEquals the VPC's ARN) for VPC "
                            + "resources, aws:ResourceAccount and aws:RequestedRegion for this account and region, or "
                            + "aws:ResourceTag/<key>.")
                    .findings("`[<Sid or Statement<i>>:<action>]`, with `<PolicyName>/` before it for a role's "
                            + "inline policy, e.g. `[Statement0:ec2:RevokeSecurityGroupIngress]`")
    ).map(Row::spec).toList();

    private RuleTable() {
    }

    private static Row row(final BlueprintRule rule, final RuleCategory category, final NagMessageLevel level,
                           final String... bestPractices) {
        return new Row(rule, category, level, List.of(bestPractices));
    }

    /** A row being written: the table reads as one fluent entry per rule. */
    private static final class Row {
        private final BlueprintRule rule;
        private final RuleCategory category;
        private final NagMessageLevel level;
        private final List<String> bestPractices;
        private String info = "";
        private String detail = "";
        private String why = "";
        private String fix = "";
        private String findings = "";

        Row(final BlueprintRule rule, final RuleCategory category, final NagMessageLevel level,
            final List<String> bestPractices) {
            this.rule = rule;
            this.category = category;
            this.level = level;
            this.bestPractices = bestPractices;
        }

        Row info(final String value) {
            this.info = value;
            return this;
        }

        Row detail(final String value) {
            this.detail = value;
            return this;
        }

        Row why(final String value) {
            this.why = value;
            return this;
        }

        Row fix(final String value) {
            this.fix = value;
            return this;
        }

        Row findings(final String value) {
            this.findings = value;
            return this;
        }

        RuleSpec spec() {
            return new RuleSpec(category, level, bestPractices, info, detail, why, fix, findings, rule);
        }
    }
}
