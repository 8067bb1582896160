package io.securevpc.corpus;

import static io.securevpc.corpus.Kit.VPC_ID;
import static io.securevpc.corpus.Kit.acl;
import static io.securevpc.corpus.Kit.entry;
import static io.securevpc.corpus.Kit.group;
import static io.securevpc.corpus.Kit.tcpFrom;

import io.securevpc.compliance.PublicIngressMarker;
import io.securevpc.internal.Maps;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;
import software.amazon.awscdk.services.ec2.CfnPrefixList;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnRouteTable;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.CfnSubnetRouteTableAssociation;
import software.amazon.awscdk.services.ec2.CfnTransitGateway;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointService;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointServicePermissions;
import software.amazon.awscdk.services.ec2.CfnVPCPeeringConnection;
import software.amazon.awscdk.services.ec2.CfnVPNConnection;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;

/**
 * The misconfigured-consumer corpus: small consumer apps, each seeding one violation of the guidance, each with a
 * compliant twin that differs in that one point. {@link ConsumerCorpusTest} runs every app and twin through the
 * compliance gate. To add a case, add a row: a name, the rule that must flag it, the BP ids, and how to build it.
 */
final class Corpus {
    private Corpus() {
    }

    static final List<CorpusCase> CASES = List.of(
            // security groups: address sets, not strings
            CorpusCase.of("SgSshFromTheWorld", "SecurityGroupNoWorldIngress", "BP-NET-2, BP-NET-10", (s, bad) ->
                    group(s, "Admin", List.of(tcpFrom(bad ? "0.0.0.0/0" : "10.0.0.0/8", 22)))),
            CorpusCase.of("SgSshFromTwoHalvesOfIpv4", "SecurityGroupNoWorldIngress", "BP-NET-2, BP-NET-10", (s, bad) -> {
                CfnSecurityGroup g = group(s, "Admin", List.of());
                List<String> halves = bad ? List.of("0.0.0.0/1", "128.0.0.0/1") : List.of("10.0.0.0/9", "10.128.0.0/9");
                for (String half : halves) {
                    CfnSecurityGroupIngress.Builder.create(s, "Ssh" + halves.indexOf(half))
                            .groupId(g.getAttrGroupId()).ipProtocol("tcp").fromPort(22).toPort(22).cidrIp(half).build();
                }
            }),
            CorpusCase.of("SgRdpFromTwoHalvesOfIpv6", "SecurityGroupNoWorldIngress", "BP-NET-2, BP-NET-10", (s, bad) -> {
                SecurityGroup g = SecurityGroup.Builder.create(s, "Rdp").vpc(Vpc.fromVpcAttributes(s, "Imported",
                        software.amazon.awscdk.services.ec2.VpcAttributes.builder().vpcId(VPC_ID)
                                .availabilityZones(List.of("eu-west-1a")).build())).allowAllOutbound(false).build();
                for (String half : bad ? List.of("::/1", "8000::/1") : List.of("fd00::/9", "fd80::/9")) {
                    g.addIngressRule(Peer.ipv6(half), Port.tcp(3389), "half");
                }
            }),
            CorpusCase.of("SgSshFromAPublicSlash8", "SecurityGroupNoWorldIngress", "BP-NET-2", (s, bad) ->
                    group(s, "Admin", List.of(tcpFrom(bad ? "11.0.0.0/8" : "11.0.0.0/24", 22)))),
            CorpusCase.of("SgHttpsWorldOnUnmarkedGroup", "SecurityGroupNoWorldIngress", "BP-NET-10", (s, bad) -> {
                CfnSecurityGroup g = group(s, "Web", List.of(tcpFrom("0.0.0.0/0", 443)));
                if (!bad) {
                    Tags.of(g).add(PublicIngressMarker.TAG_KEY, PublicIngressMarker.TAG_VALUE);
                }
            }),
            CorpusCase.of("SgSshFromAForeignPrefixList", "SecurityGroupNoWorldIngress", "BP-EP-4", (s, bad) -> {
                String list = bad ? "pl-6da54004" : CfnPrefixList.Builder.create(s, "Admins").prefixListName("admins")
                        .addressFamily("IPv4").maxEntries(1).entries(List.of(CfnPrefixList.EntryProperty.builder()
                                .cidr("198.51.100.0/24").build())).build().getAttrPrefixListId();
                group(s, "Admin", List.of(CfnSecurityGroup.IngressProperty.builder().ipProtocol("tcp").fromPort(22)
                        .toPort(22).sourcePrefixListId(list).build()));
            }),
            CorpusCase.of("CustomResourceLambdaGroupOpen", "SecurityGroupNoWorldIngress", "BP-NET-2", (s, bad) -> {
                CfnResource sg = raw(s, "SeederGroup", "AWS::EC2::SecurityGroup", Maps.of("GroupDescription", "seeder",
                        "VpcId", VPC_ID, "SecurityGroupIngress", List.of(Maps.of("IpProtocol", "tcp", "FromPort", 22,
                                "ToPort", 22, "CidrIp", bad ? "0.0.0.0/0" : "10.0.0.0/8")),
                        "SecurityGroupEgress", List.of(Maps.of("IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                                "CidrIp", "10.0.0.0/16"))));
                CfnResource fn = raw(s, "SeederFunction", "AWS::Lambda::Function", Maps.of("Runtime", "python3.12",
                        "Handler", "index.handler", "Role", "arn:aws:iam::111111111111:role/seeder",
                        "Code", Maps.of("ZipFile", "def handler(event, context):\n    return {}\n"),
                        "VpcConfig", Maps.of("SecurityGroupIds", List.of(sg.getRef()), "SubnetIds", List.of("subnet-1"))));
                raw(s, "Seeder", "Custom::Seeder", Maps.of("ServiceToken", fn.getAtt("Arn")));
            }),
            // BlueprintChecks reads top-level templates only: the gate fails a nested stack closed (docs/gate.md,
            // Limits), so SSH opened inside one never passes unseen; the twin keeps the group in the stack itself
            CorpusCase.of("NestedStackGroupOpen", "SecureVpc-NestedStackNotChecked", "BP-NET-2", (s, bad) ->
                    group(bad ? new NestedStack(s, "Inner") : s, "Admin",
                            List.of(tcpFrom(bad ? "0.0.0.0/0" : "10.0.0.0/8", 22)))),
            // NACLs
            CorpusCase.of("NaclSshFromTheWorld", "NetworkAclNoUnrestrictedAdminOrAllPorts", "BP-NET-4, BP-NET-5", (s, bad) ->
                    entry(s, acl(s, "Acl", null), 100, false, "allow", bad ? "0.0.0.0/0" : "10.0.0.0/16", 22, 22)),
            CorpusCase.of("NaclSshFromTwoHalvesOfIpv4", "NetworkAclNoUnrestrictedAdminOrAllPorts", "BP-NET-4", (s, bad) -> {
                CfnNetworkAcl a = acl(s, "Acl", null);
                entry(s, a, 100, false, "allow", bad ? "0.0.0.0/1" : "10.0.0.0/9", 22, 22);
                entry(s, a, 110, false, "allow", bad ? "128.0.0.0/1" : "10.128.0.0/9", 22, 22);
            }),
            CorpusCase.of("NaclEveryPortToTheIpv6World", "NetworkAclNoUnrestrictedAdminOrAllPorts", "BP-NET-4", (s, bad) ->
                    entry(s, acl(s, "Acl", null), 100, true, "allow", bad ? "::/0" : "fd00::/8", -1, -1)),
            CorpusCase.of("NaclDenyAfterAllow", "NetworkAclDenyBeforeAllow", "BP-NET-4, BP-NET-5", (s, bad) -> {
                CfnNetworkAcl a = acl(s, "Acl", null);
                entry(s, a, 100, false, "allow", "10.0.0.0/16", 443, 443);
                entry(s, a, bad ? 200 : 50, false, "deny", "192.0.2.0/24", -1, -1);
            }),
            CorpusCase.of("NaclNoEphemeralReturn", "NetworkAclEphemeralReturn", "BP-NET-4", (s, bad) -> {
                CfnNetworkAcl a = acl(s, "Acl", "10.0.1.0/24");
                entry(s, a, 100, false, "allow", "10.0.0.0/16", 443, 443);
                // the violation: the outbound entry lets only 443 out, not the responses on ephemeral ports
                entry(s, a, 100, true, "allow", "10.0.0.0/16", bad ? 443 : 1024, bad ? 443 : 65535);
            }),
            CorpusCase.of("NaclWorldInboundOnIsolatedTier", "NetworkAclNoWorldInboundWithoutInternetRoute", "BP-NET-4",
                    (s, bad) -> {
                        CfnNetworkAcl a = acl(s, "Acl", "10.0.1.0/24");
                        entry(s, a, 100, true, "allow", "10.0.0.0/16", 443, 443);
                        entry(s, a, 100, false, "allow", bad ? "0.0.0.0/0" : "10.0.0.0/16", 1024, 65535);
                    }),
            CorpusCase.of("NaclTwoHalvesInboundOnIsolatedTier", "NetworkAclNoWorldInboundWithoutInternetRoute",
                    "BP-NET-4", (s, bad) -> {
                        CfnNetworkAcl a = acl(s, "Acl", "10.0.1.0/24");
                        entry(s, a, 100, true, "allow", "10.0.0.0/16", 443, 443);
                        entry(s, a, 100, false, "allow", bad ? "0.0.0.0/1" : "10.0.0.0/17", 1024, 65535);
                        entry(s, a, 110, false, "allow", bad ? "128.0.0.0/1" : "10.0.128.0/17", 1024, 65535);
                        entry(s, a, 110, true, "allow", "0.0.0.0/1", 443, 443);
                        entry(s, a, 120, true, "allow", "128.0.0.0/1", 443, 443);
                    }),
            // subnets and routes
            CorpusCase.of("SubnetAssignsPublicIps", "SubnetNoPublicIpOutsidePublicTier", "BP-NET-1, BP-NET-10", (s, bad) ->
                    CfnSubnet.Builder.create(s, "Subnet").vpcId(VPC_ID).cidrBlock("10.0.2.0/24")
                            .availabilityZone("eu-west-1a").mapPublicIpOnLaunch(bad).build()),
            CorpusCase.of("PrivateTierRoutedToIgw", "RouteTableNoIgwRouteFromPrivateTier", "BP-NET-3, BP-NET-10",
                    (s, bad) -> {
                        CfnSubnet subnet = CfnSubnet.Builder.create(s, "Subnet").vpcId(VPC_ID).cidrBlock("10.0.3.0/24")
                                .availabilityZone("eu-west-1a").build();
                        Tags.of(subnet).add("aws-cdk:subnet-type", "Private");
                        CfnRouteTable table = CfnRouteTable.Builder.create(s, "Table").vpcId(VPC_ID).build();
                        CfnSubnetRouteTableAssociation.Builder.create(s, "Association").subnetId(subnet.getRef())
                                .routeTableId(table.getRef()).build();
                        CfnRoute.Builder route = CfnRoute.Builder.create(s, "DefaultRoute").routeTableId(table.getRef())
                                .destinationCidrBlock("0.0.0.0/0");
                        if (bad) {
                            route.gatewayId("igw-0123456789abcdef0");
                        } else {
                            route.natGatewayId("nat-0123456789abcdef0");
                        }
                        route.build();
                    }),
            // endpoints
            CorpusCase.of("IsolatedVpcWithoutS3Endpoint", "IsolatedVpcHasS3GatewayEndpoint", "BP-EP-1, BP-EP-4",
                    (s, bad) -> {
                        CfnVPC vpc = Kit.vpc(s, "Vpc", "10.0.0.0/16");
                        CfnSubnet subnet = CfnSubnet.Builder.create(s, "Subnet").vpcId(vpc.getRef())
                                .cidrBlock("10.0.0.0/24").availabilityZone("eu-west-1a").build();
                        CfnRouteTable table = CfnRouteTable.Builder.create(s, "Table").vpcId(vpc.getRef()).build();
                        CfnSubnetRouteTableAssociation.Builder.create(s, "Association").subnetId(subnet.getRef())
                                .routeTableId(table.getRef()).build();
                        if (!bad) {
                            s3Endpoint(s, vpc.getRef(), table.getRef(), true);
                        }
                    }),
            CorpusCase.of("GatewayEndpointWithoutPolicy", "VpcEndpointPolicyRestricted", "BP-EP-2, BP-EP-3", (s, bad) ->
                    s3Endpoint(s, VPC_ID, null, !bad)),
            CorpusCase.of("InterfaceEndpointWithoutPrivateDns", "InterfaceEndpointPrivateDns", "BP-EP-5", (s, bad) -> {
                CfnSecurityGroup g = group(s, "EndpointGroup", List.of(tcpFrom("10.0.0.0/16", 443)));
                CfnVPCEndpoint.Builder.create(s, "Ssm").vpcId(VPC_ID).vpcEndpointType("Interface")
                        .serviceName("com.amazonaws.eu-west-1.ssm").privateDnsEnabled(!bad)
                        .securityGroupIds(List.of(g.getAttrGroupId())).subnetIds(List.of("subnet-1"))
                        .policyDocument(policy()).build();
            }),
            // flow logs
            CorpusCase.of("VpcFlowLogRejectOnly", "VpcFlowLogAllTraffic", "BP-MON-1", (s, bad) ->
                    Kit.vpc(s, "Vpc", "10.0.0.0/16", bad ? "REJECT" : "ALL", true)),
            CorpusCase.of("FlowLogGroupUnencrypted", "FlowLogDestinationEncrypted", "BP-MON-1", (s, bad) ->
                    Kit.vpc(s, "Vpc", "10.0.0.0/16", "ALL", !bad)),
            // several VPCs
            CorpusCase.of("TransitGatewayWithDefaults", "TransitGatewayNoDefaultRouteTableOrAutoAccept",
                    "BP-MV-1, BP-MV-4", (s, bad) -> {
                        CfnTransitGateway.Builder tgw = CfnTransitGateway.Builder.create(s, "Hub");
                        if (!bad) {
                            tgw.defaultRouteTableAssociation("disable").defaultRouteTablePropagation("disable");
                        }
                        tgw.build();
                    }),
            CorpusCase.of("TransitGatewayAutoAccepts", "TransitGatewayNoDefaultRouteTableOrAutoAccept", "BP-MV-4",
                    (s, bad) -> CfnTransitGateway.Builder.create(s, "Hub").defaultRouteTableAssociation("disable")
                            .defaultRouteTablePropagation("disable").autoAcceptSharedAttachments(bad ? "enable" : "disable")
                            .build()),
            CorpusCase.of("VpnWithoutTunnelOptions", "VpnTunnelStrongCrypto", "BP-NET-11", (s, bad) -> {
                CfnVPNConnection.Builder vpn = CfnVPNConnection.Builder.create(s, "Vpn").type("ipsec.1")
                        .customerGatewayId("cgw-0123456789abcdef0").vpnGatewayId("vgw-0123456789abcdef0");
                if (!bad) {
                    vpn.vpnTunnelOptionsSpecifications(List.of(Kit.tunnel("ikev2", "SHA2-256"), Kit.tunnel("ikev2", "SHA2-256")));
                }
                vpn.build();
            }),
            CorpusCase.of("VpnAllowsIkev1", "VpnTunnelStrongCrypto", "BP-NET-11", (s, bad) ->
                    CfnVPNConnection.Builder.create(s, "Vpn").type("ipsec.1").customerGatewayId("cgw-0123456789abcdef0")
                            .vpnGatewayId("vgw-0123456789abcdef0").vpnTunnelOptionsSpecifications(List.of(
                                    Kit.tunnel(bad ? "ikev1" : "ikev2", "SHA2-256"), Kit.tunnel("ikev2", "SHA2-256")))
                            .build()),
            CorpusCase.of("VpnWithSha1", "VpnTunnelStrongCrypto", "BP-NET-11", (s, bad) ->
                    CfnVPNConnection.Builder.create(s, "Vpn").type("ipsec.1").customerGatewayId("cgw-0123456789abcdef0")
                            .vpnGatewayId("vgw-0123456789abcdef0").vpnTunnelOptionsSpecifications(List.of(
                                    Kit.tunnel("ikev2", "SHA2-256"), Kit.tunnel("ikev2", bad ? "SHA1" : "SHA2-384")))
                            .build()),
            CorpusCase.of("PeeringRouteWiderThanPeer", "PeeringRouteSpecific", "BP-MV-1, BP-MV-2", (s, bad) -> {
                CfnVPC a = Kit.vpc(s, "A", "10.1.0.0/16");
                CfnVPC b = Kit.vpc(s, "B", "10.2.0.0/16");
                CfnVPCPeeringConnection ab = CfnVPCPeeringConnection.Builder.create(s, "AB").vpcId(a.getRef())
                        .peerVpcId(b.getRef()).build();
                CfnRouteTable table = CfnRouteTable.Builder.create(s, "Table").vpcId(a.getRef()).build();
                CfnRoute.Builder.create(s, "ToB").routeTableId(table.getRef()).vpcPeeringConnectionId(ab.getRef())
                        .destinationCidrBlock(bad ? "10.0.0.0/8" : "10.2.0.0/16").build();
            }),
            CorpusCase.of("PeeringOfOverlappingVpcs", "PeeringNoOverlappingCidrs", "BP-MV-2", (s, bad) -> {
                CfnVPC a = Kit.vpc(s, "A", "10.1.0.0/16");
                CfnVPC b = Kit.vpc(s, "B", bad ? "10.1.128.0/17" : "10.2.0.0/16");
                CfnVPCPeeringConnection.Builder.create(s, "AB").vpcId(a.getRef()).peerVpcId(b.getRef()).build();
            }),
            CorpusCase.of("EndpointServiceWithoutAcceptance", "EndpointServiceRestricted", "BP-MV-3", (s, bad) -> {
                CfnVPCEndpointService service = CfnVPCEndpointService.Builder.create(s, "Service")
                        .acceptanceRequired(!bad).networkLoadBalancerArns(List.of(
                                "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/svc/1")).build();
                CfnVPCEndpointServicePermissions.Builder.create(s, "Permissions").serviceId(service.getRef())
                        .allowedPrincipals(List.of("arn:aws:iam::222222222222:root")).build();
            }),
            // acknowledgements: on one resource only, never on a stack (it would hide the rule on all below it)
            CorpusCase.of("AcknowledgementOnTheStack", "SecureVpc-AcknowledgementRefused", "BP-IAM-1", (s, bad) -> {
                CfnSecurityGroup g = group(s, "Admin", List.of(tcpFrom("10.0.0.0/8", 22)));
                software.amazon.awscdk.Validations.of(bad ? s : g).acknowledge(
                        software.amazon.awscdk.Acknowledgment.builder().id("AwsSolutions-EC23")
                                .reason("The group admits SSH from the corporate range only, reviewed by the "
                                        + "network team").build());
            }));

    private static CfnResource raw(final Stack stack, final String id, final String type, final Map<String, Object> props) {
        return CfnResource.Builder.create(stack, id).type(type).properties(props).build();
    }

    private static Object policy() {
        return Maps.of("Version", "2012-10-17", "Statement", List.of(Maps.of("Effect", "Allow", "Principal", "*",
                "Action", List.of("s3:GetObject"), "Resource", List.of("arn:aws:s3:::corpus-bucket/*"),
                "Condition", Maps.of("StringEquals", Maps.of("aws:PrincipalAccount", "111111111111")))));
    }

    private static void s3Endpoint(final Stack stack, final String vpcId, final String routeTableId,
                                   final boolean withPolicy) {
        CfnVPCEndpoint.Builder b = CfnVPCEndpoint.Builder.create(stack, "S3").vpcId(vpcId)
                .serviceName("com.amazonaws.eu-west-1.s3").vpcEndpointType("Gateway");
        if (routeTableId != null) {
            b.routeTableIds(List.of(routeTableId));
        }
        if (withPolicy) {
            b.policyDocument(policy());
        }
        b.build();
    }
}
