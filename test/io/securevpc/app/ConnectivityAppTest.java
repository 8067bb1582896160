package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.AppContext;
import io.securevpc.internal.Ipv4Cidr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The app's connectivity as cdk.json configures it (BP-MV-1..4, BP-NET-3/4, BP-NET-11), synthesized once without
 * the gate (BlueprintAppGateTest runs the gate): what each stack holds, and every configured flow followed packet by
 * packet through routes and NACLs, both ways ({@link NetworkPaths}).
 */
class ConnectivityAppTest {
    private static final int EPHEMERAL = 50000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BlueprintConfig config;
    private static Map<String, JsonNode> templates;
    private static Template connectivity;
    private static Template privateOnly;
    private static Template threeTier;
    private static NetworkPaths paths;
    private static String assemblyDir;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synth() throws IOException {
        App app = AppContext.app();
        config = BlueprintConfig.parse(app.getNode().tryGetContext(BlueprintConfig.CONTEXT_KEY));
        BlueprintApp.Result result = BlueprintApp.buildStacks(app);
        app.synth();
        List<Stack> stacks = new ArrayList<>(result.stacks());
        stacks.addAll(result.connectivityStacks());
        templates = new LinkedHashMap<>();
        for (String name : List.of("SecureVpc-PrivateOnly", "SecureVpc-ThreeTier", "SecureVpc-Connectivity-eu-west-1")) {
            // The stacks of the one account and region are in one stage: cdk.out/assembly-<stage>/
            Stack stack = stacks.stream().filter(s -> s.getStackName().equals(name)).findFirst().orElseThrow();
            templates.put(name, JSON.readTree(Path.of(Stage.of(stack).getOutdir(), stack.getTemplateFile()).toFile()));
            assemblyDir = Stage.of(stack).getOutdir();
        }
        connectivity = Template.fromJSON(JSON.convertValue(templates.get("SecureVpc-Connectivity-eu-west-1"), Map.class));
        privateOnly = Template.fromJSON(JSON.convertValue(templates.get("SecureVpc-PrivateOnly"), Map.class));
        threeTier = Template.fromJSON(JSON.convertValue(templates.get("SecureVpc-ThreeTier"), Map.class));
        paths = new NetworkPaths(templates);
    }

    // --------------------------------------------------------------------------------- Transit Gateway

    @Test
    void transitGatewayIsSegmentedWithARouteTablePerAttachmentAndNoPropagation() {
        connectivity.resourceCountIs("AWS::EC2::TransitGateway", 1);
        connectivity.hasResourceProperties("AWS::EC2::TransitGateway", Map.of("AmazonSideAsn", 64512,
                "AutoAcceptSharedAttachments", "disable", "DefaultRouteTableAssociation", "disable",
                "DefaultRouteTablePropagation", "disable"));
        connectivity.resourceCountIs("AWS::EC2::TransitGatewayVpcAttachment", 2);
        connectivity.resourceCountIs("AWS::EC2::TransitGatewayRouteTable", 2);
        connectivity.resourceCountIs("AWS::EC2::TransitGatewayRouteTableAssociation", 2);
        connectivity.resourceCountIs("AWS::EC2::TransitGatewayRouteTablePropagation", 0);
    }

    @Test
    void transitGatewayRoutesNameTheOtherEnvironmentsRouteTiersOnly() {
        // private-only's app tier: 3 AZs of /22 (a fourth reserved); three-tier's app tier: 3 AZs of /22
        for (String block : List.of("10.20.0.0/21", "10.20.8.0/22", "10.10.0.0/21", "10.10.8.0/22")) {
            connectivity.hasResourceProperties("AWS::EC2::TransitGatewayRoute", Map.of("DestinationCidrBlock", block));
        }
        connectivity.resourceCountIs("AWS::EC2::TransitGatewayRoute", 4);
    }

    @Test
    void attachmentsSitInTheConfiguredTiers() {
        connectivity.hasResourceProperties("AWS::EC2::TransitGatewayVpcAttachment", Map.of("SubnetIds",
                Match.arrayWith(List.of(output("SecureVpc-PrivateOnly", "NetworkVpcendpointsSubnet1")))));
        connectivity.hasResourceProperties("AWS::EC2::TransitGatewayVpcAttachment", Map.of("SubnetIds",
                Match.arrayWith(List.of(output("SecureVpc-ThreeTier", "NetworkVpctransitSubnet1")))));
    }

    @Test
    void onlyEnvironmentsWithATransitAttachmentInANewTierGetTheTransitTier() {
        assertEquals(Map.of(), privateOnly.findResources("AWS::EC2::Subnet", Map.of("Properties", Map.of("Tags",
                Match.arrayWith(List.of(Map.of("Key", "aws-cdk:subnet-name", "Value", "transit")))))));
        threeTier.hasResourceProperties("AWS::EC2::Subnet", Map.of("CidrBlock", "10.20.15.192/28",
                "Tags", Match.arrayWith(List.of(Map.of("Key", "aws-cdk:subnet-name", "Value", "transit")))));
    }

    // ------------------------------------------------------------------------------------------ peering

    @Test
    void peeringJoinsTheTwoVpcsAndRoutesOnlyBetweenTheDataTiers() {
        connectivity.hasResourceProperties("AWS::EC2::VPCPeeringConnection", Map.of(
                "VpcId", output("SecureVpc-ThreeTier", "NetworkVpc[0-9A-F]{8}"),
                "PeerVpcId", output("SecureVpc-PrivateOnly", "NetworkVpc[0-9A-F]{8}")));
        Map<String, Map<String, Object>> routes = connectivity.findResources("AWS::EC2::Route", Map.of("Properties",
                Map.of("VpcPeeringConnectionId", Match.anyValue())));
        assertEquals(12, routes.size(), "2 blocks x 3 data subnets, on each side");
        assertTrue(routes.toString().matches("(?s).*dataSubnet.*") && !routes.toString().contains("appSubnet"),
                routes.toString());
    }

    // -------------------------------------------------------------------------------------- PrivateLink

    @Test
    void threeTierProvidesATlsServiceFromItsAppTierToPrivateOnlysAccountOnly() {
        threeTier.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Type", "network",
                "Scheme", "internal", "Subnets", Match.arrayWith(List.of(Map.of("Ref",
                        Match.stringLikeRegexp("NetworkVpcappSubnet1Subnet.*"))))));
        threeTier.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 443, "Protocol", "TLS",
                "Certificates", List.of(Map.of("CertificateArn", config.connectivity().privateLinks().get(0)
                        .certificateArn()))));
        threeTier.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("Port", 8443,
                "Protocol", "TCP", "TargetType", "ip"));
        threeTier.hasResourceProperties("AWS::EC2::VPCEndpointService", Map.of("AcceptanceRequired", true));
        threeTier.hasResourceProperties("AWS::EC2::VPCEndpointServicePermissions", Map.of("AllowedPrincipals",
                List.of(Map.of("Fn::Join", List.of("", List.of("arn:aws:iam::", Map.of("Ref", "AWS::AccountId"),
                        ":root"))))));
    }

    @Test
    void targetsAcceptTheTargetPortFromTheLoadBalancersGroupOnly() {
        threeTier.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of("IpProtocol", "tcp",
                "FromPort", 8443, "ToPort", 8443,
                "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppSecurityGroup.*"), "GroupId")),
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(
                        Match.stringLikeRegexp("PrivateLinkprivateonly443LoadBalancerSecurityGroup.*"), "GroupId"))));
    }

    @Test
    void privateOnlyConsumesItThroughAnEndpointInItsEndpointsTierReachedByTheAppGroupOnly() {
        privateOnly.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
                "PrivateDnsEnabled", false,
                "ServiceName", Map.of("Fn::Join", List.of(".", List.of("com.amazonaws.vpce", Map.of("Ref", "AWS::Region"),
                        Map.of("Fn::GetStackOutput", Match.objectLike(Map.of("StackName", "SecureVpc-ThreeTier")))))),
                "SubnetIds", Match.arrayWith(List.of(Map.of("Ref",
                        Match.stringLikeRegexp("NetworkVpcendpointsSubnet1Subnet.*"))))));
        privateOnly.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", "PrivateLink endpoint: the service port from its consumers only",
                "SecurityGroupIngress", Match.absent()));
        privateOnly.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of("FromPort", 443, "ToPort", 443,
                "GroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("PrivateLinkthreetier443SecurityGroup.*"),
                        "GroupId")),
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppSecurityGroup.*"),
                        "GroupId"))));
    }

    // ---------------------------------------------------------------------------------------------- VPN

    @Test
    void privateOnlyReachesOnPremisesOverAVpnWithStaticRoutesPropagatedToItsAppTierOnly() {
        privateOnly.hasResourceProperties("AWS::EC2::CustomerGateway", Map.of("IpAddress", "203.0.113.10",
                "BgpAsn", 65010, "Type", "ipsec.1"));
        privateOnly.hasResourceProperties("AWS::EC2::VPNConnection", Map.of("StaticRoutesOnly", true));
        privateOnly.hasResourceProperties("AWS::EC2::VPNConnectionRoute", Map.of("DestinationCidrBlock",
                "192.168.0.0/16"));
        Map<String, Map<String, Object>> propagation = privateOnly.findResources("AWS::EC2::VPNGatewayRoutePropagation");
        String tables = propagation.toString();
        assertEquals(3, tables.split("NetworkVpcappSubnet").length - 1, tables);
        assertTrue(tables.contains("NetworkVpcappSubnet") && !tables.contains("data") && !tables.contains("endpoints"),
                tables);
        threeTier.resourceCountIs("AWS::EC2::VPNGateway", 0);
    }

    /**
     * Malicious-IP blocking never denies a network the VPC is connected to (BP-NET-5): the document's never-blocked
     * ranges hold the VPC's own range, the other environment (a Transit Gateway and peering neighbour), and for
     * private-only its on-premises range and customer gateway address.
     */
    @Test
    void ipBlockingNeverBlocksConnectedNetworks() {
        assertEquals(List.of("10.10.0.0/16", "10.20.0.0/16", "192.168.0.0/16", "203.0.113.10/32"),
                protectedCidrs(privateOnly));
        assertEquals(List.of("10.20.0.0/16", "10.10.0.0/16"), protectedCidrs(threeTier));
    }

    /**
     * How many addresses each tier's NACL can still take under the default reserve of 4 free entries per direction:
     * 20 - the blueprint's entries in the fuller direction - 4 (docs/audit-and-detection.md lists these numbers).
     * Private-only's app tier has 18 outbound entries: blocking there is refused and reported.
     */
    @Test
    void ipBlockingCapacityPerTierLeavesTheReserve() {
        assertEquals(Map.of("app", 0, "data", 1, "endpoints", 8), blockCapacity(privateOnly));
        assertEquals(Map.of("app", 2, "data", 11, "public", 8, "transit", 13), blockCapacity(threeTier));
    }

    private static Map<String, Integer> blockCapacity(final Template network) {
        Map<String, Integer> capacity = new LinkedHashMap<>();
        network.findResources("AWS::SSM::Document").values().forEach(d -> {
            JsonNode config = JSON.valueToTree(((Map<?, ?>) d.get("Properties")).get("Content"))
                    .at("/mainSteps/0/inputs/InputPayload/config");
            config.path("tiers").fields().forEachRemaining(t -> {
                JsonNode own = t.getValue().get("blueprintEntries");
                int fuller = Math.max(own.get("inbound").asInt(), own.get("outbound").asInt());
                capacity.put(t.getKey(), Math.max(0, config.get("entryQuota").asInt() - fuller
                        - config.get("entryReserve").asInt()));
            });
        });
        return capacity;
    }

    /**
     * The blocking rules start the document's $DEFAULT version; no policy of the app lets anyone change which
     * version that is, or rewrite the document (AWS::SSM::Document cannot be pinned to a version number).
     */
    @Test
    void noPolicyOfTheAppMayChangeAnAutomationDocument() throws IOException {
        Path assembly = Path.of(assemblyDir);
        try (var files = java.nio.file.Files.list(assembly)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".template.json")).toList()) {
                JsonNode resources = JSON.readTree(file.toFile()).path("Resources");
                resources.fields().forEachRemaining(r -> {
                    String type = r.getValue().path("Type").asText();
                    if (type.startsWith("AWS::IAM::")) {
                        r.getValue().findValues("Statement").forEach(statements -> statements.forEach(st -> {
                            if ("Allow".equals(st.path("Effect").asText())) {
                                st.path("Action").forEach(a -> assertFalse(a.asText().matches(
                                        "\\*|ssm:\\*|ssm:Update.*|ssm:(Create|Delete)Document.*"), file.getFileName() + " "
                                        + r.getKey() + ": " + a));
                                assertFalse(st.path("Action").asText().matches(
                                        "\\*|ssm:\\*|ssm:Update.*|ssm:(Create|Delete)Document.*"), r.getKey() + ": " + st);
                            }
                        }));
                    }
                });
            }
        }
    }

    private static List<Object> protectedCidrs(final Template network) {
        List<Object> found = new ArrayList<>();
        network.findResources("AWS::SSM::Document").values().forEach(d -> {
            JsonNode content = JSON.valueToTree(((Map<?, ?>) d.get("Properties")).get("Content"));
            JsonNode config = content.at("/mainSteps/0/inputs/InputPayload/config/protectedCidrs");
            if (!config.isMissingNode() && content.at("/mainSteps/0/name").asText().equals("BlockOrLift")) {
                config.forEach(c -> found.add(c.asText()));
            }
        });
        return found;
    }

    // ----------------------------------------------------------------------------- routes and NACLs

    /**
     * Every flow the configuration asks for, from every AZ to every AZ, gets there and its replies get back: the
     * source tier's NACL lets it out, the route table sends it to the connection, the Transit Gateway attachment
     * subnets' NACLs let it through, the destination tier's NACL lets it in; and the same for the reply on an
     * ephemeral port.
     */
    @Test
    void everyConfiguredFlowAndItsRepliesPassEveryRouteAndNaclOnTheWay() {
        assertEquals(List.of(), droppedOnTheWay(flows()));
    }

    /** Each flow from every subnet of its source to every subnet of its destination, and the reply. */
    private static List<String> droppedOnTheWay(final List<Flow> flows) {
        List<String> dropped = new ArrayList<>();
        for (Flow flow : flows) {
            for (NetworkPaths.Subnet from : flow.from()) {
                for (NetworkPaths.Subnet to : flow.to()) {
                    record(dropped, flow.name(), paths.send(from, to.host(), flow.port()));
                    record(dropped, flow.name() + " (reply)", paths.send(to, from.host(), EPHEMERAL));
                }
            }
        }
        return dropped;
    }

    /**
     * PrivateLink inside each VPC: the consumer's application tier reaches the endpoint's interfaces on the service
     * port; the provider's load balancer (in the provider tier) reaches its targets on the target port, and the
     * provider tier accepts the listener port from its own blocks, where the load balancer's addresses are. (How
     * AWS presents PrivateLink traffic to the load balancer subnet's NACL is not documented; see
     * docs/connectivity.md, "Not covered".)
     */
    @Test
    void privateLinkFlowsAndTheirRepliesPassTheNaclsOfBothVpcs() {
        ConnectivityConfig.PrivateLinkConfig link = config.connectivity().privateLinks().get(0);
        String provider = stack(link.provider());
        String consumer = stack(link.consumer());
        List<Flow> flows = List.of(
                new Flow("consumer app -> endpoint", paths.tier(consumer, "app"), paths.tier(consumer,
                        link.consumerTier()), link.port()),
                new Flow("load balancer -> targets", paths.tier(provider, link.providerTier()),
                        paths.tier(provider, link.providerTier()), link.targetPort()),
                new Flow("PrivateLink -> listener", paths.tier(provider, link.providerTier()),
                        paths.tier(provider, link.providerTier()), link.port()));
        assertEquals(List.of(), droppedOnTheWay(flows));
    }

    @Test
    void vpnFlowsAndTheirRepliesPassTheAppTierNacl() {
        ConnectivityConfig.VpnConfig vpn = config.connectivity().vpns().get(0);
        Ipv4Cidr onPremises = new Ipv4Cidr(Ipv4Cidr.of(vpn.onPremisesCidrs().get(0)).network() + 10, 32);
        List<String> dropped = new ArrayList<>();
        for (String tier : vpn.routeTiers()) {
            for (NetworkPaths.Subnet subnet : paths.tier("SecureVpc-PrivateOnly", tier)) {
                for (int port : vpn.outboundPorts()) {
                    record(dropped, "to on-premises " + port, paths.send(subnet, onPremises, port));
                    record(dropped, "reply from on-premises", paths.receiveFromVpn(onPremises, subnet, EPHEMERAL));
                }
                for (int port : vpn.inboundPorts()) {
                    record(dropped, "from on-premises " + port, paths.receiveFromVpn(onPremises, subnet, port));
                    record(dropped, "reply to on-premises", paths.send(subnet, onPremises, EPHEMERAL));
                }
            }
        }
        assertEquals(List.of(), dropped);
    }

    /** Every route toward a Transit Gateway, peering or VPN destination carries a configured flow or its replies. */
    @Test
    void everyRouteBeyondTheVpcsCarriesAConfiguredFlow() {
        everyConfiguredFlowAndItsRepliesPassEveryRouteAndNaclOnTheWay();
        vpnFlowsAndTheirRepliesPassTheAppTierNacl();
        assertEquals(12 + 3 + 4 + 12, paths.routeCount(), "to the Transit Gateway: 2 blocks x 3 app subnets on each "
                + "side; VPN: 1 block x 3 app subnets; Transit Gateway tables: 4; peering: 2 blocks x 3 data subnets on "
                + "each side");
        assertEquals(List.of(), paths.unusedRoutes());
    }

    /**
     * The evaluator is not vacuous: what nobody configured is dropped. (Below port 1024 only: a NACL cannot tell a
     * service port in the ephemeral range from return traffic, which it must let through; security groups can.)
     */
    @Test
    void flowsNobodyConfiguredAreDropped() {
        NetworkPaths.Subnet privateApp = paths.tier("SecureVpc-PrivateOnly", "app").get(0);
        NetworkPaths.Subnet threeApp = paths.tier("SecureVpc-ThreeTier", "app").get(0);
        NetworkPaths.Subnet threeData = paths.tier("SecureVpc-ThreeTier", "data").get(0);
        NetworkPaths.Subnet privateData = paths.tier("SecureVpc-PrivateOnly", "data").get(0);
        // private-only's app serves 443 over the Transit Gateway, three-tier's app serves nothing over it
        assertNotNull(paths.send(privateApp, threeApp.host(), 443));
        assertNotNull(paths.send(threeApp, privateApp.host(), 22));
        // the peering carries 5432 from three-tier's data tier, not SSH, and nothing from the app tiers
        assertNotNull(paths.send(threeData, privateData.host(), 22));
        assertNotNull(paths.send(threeApp, privateData.host(), 5432));
    }

    // ---------------------------------------------------------------------------------------- helpers

    private record Flow(String name, List<NetworkPaths.Subnet> from, List<NetworkPaths.Subnet> to, int port) {
    }

    /** The flows of cdk.json: Transit Gateway (to each attachment's served ports) and peering (both directions). */
    private static List<Flow> flows() {
        Map<String, String> stackOf = new LinkedHashMap<>();
        config.environments().forEach(e -> stackOf.put(e.name(), e.stackName()));
        List<Flow> flows = new ArrayList<>();
        var tgw = config.connectivity().transitGateway();
        for (var a : tgw.attachments()) {
            for (var b : tgw.attachments()) {
                if (a == b) {
                    continue;
                }
                for (String fromTier : a.routeTiers()) {
                    for (String toTier : b.routeTiers()) {
                        for (int port : b.servedPorts()) {
                            flows.add(new Flow("tgw " + a.environment() + "/" + fromTier + " -> " + b.environment() + "/"
                                    + toTier + ":" + port, paths.tier(stackOf.get(a.environment()), fromTier),
                                    paths.tier(stackOf.get(b.environment()), toTier), port));
                        }
                    }
                }
            }
        }
        for (var p : config.connectivity().peerings()) {
            for (String fromTier : p.requesterTiers()) {
                for (String toTier : p.accepterTiers()) {
                    List<NetworkPaths.Subnet> requester = paths.tier(stackOf.get(p.requester()), fromTier);
                    List<NetworkPaths.Subnet> accepter = paths.tier(stackOf.get(p.accepter()), toTier);
                    p.ports().forEach(port -> flows.add(new Flow("peering " + fromTier + " -> " + toTier + ":" + port,
                            requester, accepter, port)));
                    p.accepterPorts().forEach(port -> flows.add(new Flow("peering " + toTier + " -> " + fromTier + ":"
                            + port, accepter, requester, port)));
                }
            }
        }
        assertTrue(flows.size() >= 2, "cdk.json configures Transit Gateway and peering flows");
        return flows;
    }

    private static String stack(final String environment) {
        return config.environments().stream().filter(e -> e.name().equals(environment)).findFirst().orElseThrow()
                .stackName();
    }

    private static void record(final List<String> dropped, final String flow, final String result) {
        if (result != null) {
            dropped.add(flow + ": dropped at " + result);
        }
    }

    /** A weak cross-stack reference to one resource of a network stack (CDK's Fn::GetStackOutput). */
    private static Object output(final String stack, final String logicalIdPattern) {
        return Map.of("Fn::GetStackOutput", Map.of("StackName", stack, "Region", "eu-west-1",
                "OutputName", Match.stringLikeRegexp("PublishOutputRef" + logicalIdPattern + ".*")));
    }
}
