package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.connectivity.SiteToSiteVpn;
import io.securevpc.connectivity.SiteToSiteVpnProps;
import io.securevpc.connectivity.TransitGateway;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.AclCidr;
import software.amazon.awscdk.services.ec2.AclTraffic;
import software.amazon.awscdk.services.ec2.Action;
import software.amazon.awscdk.services.ec2.CfnInternetGateway;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnRouteTable;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.CfnSubnetNetworkAclAssociation;
import software.amazon.awscdk.services.ec2.CfnSubnetRouteTableAssociation;
import software.amazon.awscdk.services.ec2.CfnTransitGateway;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.CfnVPNConnection;
import software.amazon.awscdk.services.ec2.CommonNetworkAclEntryOptions;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.NetworkAcl;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.TrafficDirection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpnConnectionOptions;

/**
 * IsolatedVpcHasS3GatewayEndpoint (BP-EP-1/4), NetworkAclNoWorldInboundWithoutInternetRoute (BP-NET-4/5),
 * TransitGatewayNoDefaultRouteTableOrAutoAccept (BP-MV-1/4) and VpnTunnelStrongCrypto (BP-NET-11): one stack with
 * one case each, checked once.
 */
class IsolationAndTransitRulesTest {
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(IsolatedVpcHasS3GatewayEndpoint.class,
            NetworkAclNoWorldInboundWithoutInternetRoute.class, TransitGatewayNoDefaultRouteTableOrAutoAccept.class,
            VpnTunnelStrongCrypto.class);
    private static final String ENDPOINT = "IsolatedVpcHasS3GatewayEndpoint";
    private static final String NACL = "NetworkAclNoWorldInboundWithoutInternetRoute";
    private static final String TGW = "TransitGatewayNoDefaultRouteTableOrAutoAccept";
    private static final String VPN = "VpnTunnelStrongCrypto";
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        // L2: an isolated Vpc without endpoints (fails), one with an S3 gateway endpoint (passes)
        Vpc bare = isolatedVpc(stack, "Bare", "10.1.0.0/16");
        Vpc withS3 = isolatedVpc(stack, "WithS3", "10.2.0.0/16");
        withS3.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build());
        // L2: a NACL on isolated subnets taking HTTPS from anywhere (fails) and from the VPC only (passes)
        NetworkAcl open = NetworkAcl.Builder.create(stack, "OpenAcl").vpc(bare)
                .subnetSelection(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build()).build();
        open.addEntry("Https", CommonNetworkAclEntryOptions.builder().ruleNumber(100).cidr(AclCidr.anyIpv4())
                .traffic(AclTraffic.tcpPort(443)).direction(TrafficDirection.INGRESS).ruleAction(Action.ALLOW).build());
        NetworkAcl narrow = NetworkAcl.Builder.create(stack, "NarrowAcl").vpc(withS3)
                .subnetSelection(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build()).build();
        narrow.addEntry("Https", CommonNetworkAclEntryOptions.builder().ruleNumber(100).cidr(AclCidr.ipv4("10.2.0.0/16"))
                .traffic(AclTraffic.tcpPort(443)).direction(TrafficDirection.INGRESS).ruleAction(Action.ALLOW).build());
        // L1: the two halves of IPv4 inbound on an isolated subnet (fails); the same on a subnet routed to an IGW (passes)
        CfnVPC vpc = CfnVPC.Builder.create(stack, "L1Vpc").cidrBlock("10.3.0.0/16").build();
        halves(stack, "L1Isolated", vpc, "10.3.0.0/24", false);
        halves(stack, "L1Routed", vpc, "10.3.1.0/24", true);
        // L1: a VPC whose only route goes to a Transit Gateway for a private range: isolated, no endpoint (fails)
        CfnVPC closed = CfnVPC.Builder.create(stack, "L1ClosedVpc").cidrBlock("10.6.0.0/16").build();
        CfnRouteTable closedTable = CfnRouteTable.Builder.create(stack, "L1ClosedTable").vpcId(closed.getRef()).build();
        CfnSubnet closedSubnet = CfnSubnet.Builder.create(stack, "L1ClosedSubnet").vpcId(closed.getRef())
                .cidrBlock("10.6.0.0/24").availabilityZone("eu-west-1a").build();
        CfnSubnetRouteTableAssociation.Builder.create(stack, "L1ClosedAssociation").subnetId(closedSubnet.getRef())
                .routeTableId(closedTable.getRef()).build();
        CfnRoute.Builder.create(stack, "L1ClosedRoute").routeTableId(closedTable.getRef())
                .destinationCidrBlock("10.0.0.0/8").transitGatewayId("tgw-0123456789abcdef0").build();
        // Transit Gateways: L1 with CloudFormation's defaults (fails), the blueprint's (passes), the blueprint's with an
        // escape hatch turning auto-accept on (L2 misconfiguration, fails)
        CfnTransitGateway.Builder.create(stack, "L1Tgw").build();
        new TransitGateway(stack, "Hub", null);
        TransitGateway opened = new TransitGateway(stack, "OpenedHub", null);
        ((CfnResource) opened.getNode().findChild("Resource")).addPropertyOverride("AutoAcceptSharedAttachments", "enable");
        // VPN: L1 without tunnel options and with IKEv1 (fail), L2 Vpc.addVpnConnection (fails), the blueprint's (passes)
        CfnVPNConnection.Builder.create(stack, "L1Vpn").type("ipsec.1").customerGatewayId("cgw-1").vpnGatewayId("vgw-1")
                .build();
        CfnVPNConnection.Builder.create(stack, "L1Ikev1").type("ipsec.1").customerGatewayId("cgw-1").vpnGatewayId("vgw-1")
                .vpnTunnelOptionsSpecifications(List.of(tunnel("ikev1"), tunnel("ikev2"))).build();
        Vpc vpnVpc = Vpc.Builder.create(stack, "VpnVpc").ipAddresses(software.amazon.awscdk.services.ec2.IpAddresses
                .cidr("10.4.0.0/16")).maxAzs(1).natGateways(0).vpnGateway(true).subnetConfiguration(List.of(
                SubnetConfiguration.builder().name("iso").subnetType(SubnetType.PRIVATE_ISOLATED).build())).build();
        vpnVpc.addVpnConnection("Office", VpnConnectionOptions.builder().ip("198.51.100.7").build());
        SecureVpc secure = new SecureVpc(stack, "Secure", SecureVpcProps.builder().cidr("10.5.0.0/16")
                .tiers(List.of(SubnetTier.builder("workload", TierKind.ISOLATED).build())).build());
        new SiteToSiteVpn(stack, "GoodVpn", SiteToSiteVpnProps.builder().secureVpc(secure)
                .customerGatewayIp("198.51.100.8").onPremisesCidrs(List.of("192.168.0.0/16")).staticRouting(true)
                .routeTiers(List.of("workload")).build());
        findings = PackFindings.checkOnly(stack, RULES);
    }

    private static Vpc isolatedVpc(final Stack stack, final String id, final String cidr) {
        return Vpc.Builder.create(stack, id).ipAddresses(software.amazon.awscdk.services.ec2.IpAddresses.cidr(cidr))
                .maxAzs(1).natGateways(0).subnetConfiguration(List.of(SubnetConfiguration.builder().name("iso")
                        .subnetType(SubnetType.PRIVATE_ISOLATED).build())).build();
    }

    private static void halves(final Stack stack, final String id, final CfnVPC vpc, final String cidr,
                               final boolean routed) {
        CfnSubnet subnet = CfnSubnet.Builder.create(stack, id + "Subnet").vpcId(vpc.getRef()).cidrBlock(cidr)
                .availabilityZone("eu-west-1a").build();
        CfnRouteTable table = CfnRouteTable.Builder.create(stack, id + "Table").vpcId(vpc.getRef()).build();
        CfnSubnetRouteTableAssociation.Builder.create(stack, id + "TableAssociation").subnetId(subnet.getRef())
                .routeTableId(table.getRef()).build();
        if (routed) {
            CfnInternetGateway igw = CfnInternetGateway.Builder.create(stack, id + "Igw").build();
            CfnRoute.Builder.create(stack, id + "Default").routeTableId(table.getRef())
                    .destinationCidrBlock("0.0.0.0/0").gatewayId(igw.getRef()).build();
        }
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, id + "Acl").vpcId(vpc.getRef()).build();
        CfnSubnetNetworkAclAssociation.Builder.create(stack, id + "AclAssociation").subnetId(subnet.getRef())
                .networkAclId(acl.getRef()).build();
        int number = 100;
        for (String half : List.of("0.0.0.0/1", "128.0.0.0/1")) {
            CfnNetworkAclEntry.Builder.create(stack, id + number).networkAclId(acl.getRef()).ruleNumber(number)
                    .ruleAction("allow").egress(false).cidrBlock(half).protocol(6)
                    .portRange(CfnNetworkAclEntry.PortRangeProperty.builder().from(1024).to(65535).build()).build();
            number += 10;
        }
    }

    private static CfnVPNConnection.VpnTunnelOptionsSpecificationProperty tunnel(final String ike) {
        return CfnVPNConnection.VpnTunnelOptionsSpecificationProperty.builder()
                .ikeVersions(List.of(CfnVPNConnection.IKEVersionsRequestListValueProperty.builder().value(ike).build()))
                .phase1EncryptionAlgorithms(List.of(CfnVPNConnection.Phase1EncryptionAlgorithmsRequestListValueProperty
                        .builder().value("AES256").build()))
                .phase2EncryptionAlgorithms(List.of(CfnVPNConnection.Phase2EncryptionAlgorithmsRequestListValueProperty
                        .builder().value("AES128").build()))
                .phase1IntegrityAlgorithms(List.of(CfnVPNConnection.Phase1IntegrityAlgorithmsRequestListValueProperty
                        .builder().value("SHA2-256").build()))
                .phase2IntegrityAlgorithms(List.of(CfnVPNConnection.Phase2IntegrityAlgorithmsRequestListValueProperty
                        .builder().value("SHA2-256").build()))
                .phase1DhGroupNumbers(List.of(CfnVPNConnection.Phase1DHGroupNumbersRequestListValueProperty
                        .builder().value(20).build()))
                .phase2DhGroupNumbers(List.of(CfnVPNConnection.Phase2DHGroupNumbersRequestListValueProperty
                        .builder().value(20).build()))
                .build();
    }

    @Test
    void failsAnIsolatedL2VpcWithoutS3GatewayEndpoint() {
        assertEquals(List.of("BlueprintChecks-" + ENDPOINT), findings.at("Test/Bare/Resource", ENDPOINT));
    }

    @Test
    void passesAnIsolatedVpcWithAnS3GatewayEndpoint() {
        assertEquals(List.of(), findings.at("Test/WithS3/Resource", ENDPOINT));
    }

    @Test
    void failsAnL1VpcWithoutInternetRouteOrEndpoint() {
        assertEquals(List.of("BlueprintChecks-" + ENDPOINT), findings.at("Test/L1ClosedVpc", ENDPOINT));
    }

    @Test
    void ignoresAVpcWithARouteToAnInternetGateway() {
        assertEquals(List.of(), findings.at("Test/L1Vpc", ENDPOINT));
    }

    @Test
    void failsAnL2NaclTakingTheInternetOnIsolatedSubnets() {
        assertEquals(List.of("BlueprintChecks-" + NACL + "[ingress-100]"), findings.at("Test/OpenAcl/Resource", NACL));
        assertEquals(List.of(), findings.at("Test/NarrowAcl/Resource", NACL));
    }

    @Test
    void failsTheTwoHalvesOfIpv4OnAnIsolatedSubnetButNotOnOneRoutedToTheInternet() {
        assertEquals(List.of("BlueprintChecks-" + NACL + "[ingress-100]", "BlueprintChecks-" + NACL + "[ingress-110]"),
                findings.at("Test/L1IsolatedAcl", NACL));
        assertEquals(List.of(), findings.at("Test/L1RoutedAcl", NACL));
    }

    @Test
    void failsATransitGatewayWithCloudFormationsDefaults() {
        assertEquals(List.of("BlueprintChecks-" + TGW + "[DefaultRouteTableAssociation]",
                "BlueprintChecks-" + TGW + "[DefaultRouteTablePropagation]"), findings.at("Test/L1Tgw", TGW));
    }

    @Test
    void failsTheBlueprintsTransitGatewayWithAutoAcceptOverriddenAndPassesItAsShipped() {
        assertEquals(List.of("BlueprintChecks-" + TGW + "[AutoAcceptSharedAttachments]"),
                findings.at("Test/OpenedHub/Resource", TGW));
        assertEquals(List.of(), findings.at("Test/Hub/Resource", TGW));
    }

    @Test
    void failsVpnConnectionsWithoutTunnelOptionsOrWithIkev1AndAes128() {
        assertEquals(List.of("BlueprintChecks-" + VPN + "[VpnTunnelOptionsSpecifications]"), findings.at("Test/L1Vpn", VPN));
        assertEquals(List.of("BlueprintChecks-" + VPN + "[Tunnel0.IKEVersions]",
                "BlueprintChecks-" + VPN + "[Tunnel0.Phase2EncryptionAlgorithms]",
                "BlueprintChecks-" + VPN + "[Tunnel1.Phase2EncryptionAlgorithms]"), findings.at("Test/L1Ikev1", VPN));
        assertEquals(List.of("BlueprintChecks-" + VPN + "[VpnTunnelOptionsSpecifications]"),
                findings.at("Test/VpnVpc/Office/Resource", VPN));
    }

    @Test
    void passesTheBlueprintsSiteToSiteVpn() {
        assertEquals(List.of(), findings.all().entrySet().stream().filter(e -> e.getKey().startsWith("Test/GoodVpn/"))
                .flatMap(e -> e.getValue().stream()).toList());
    }
}
