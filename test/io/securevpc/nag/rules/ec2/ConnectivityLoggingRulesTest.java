package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.connectivity.SiteToSiteVpn;
import io.securevpc.connectivity.SiteToSiteVpnProps;
import io.securevpc.connectivity.TransitGateway;
import io.securevpc.connectivity.TransitGatewayProps;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnTransitGateway;
import software.amazon.awscdk.services.ec2.CfnVPNConnection;

/**
 * TransitGatewayFlowLog and VpnTunnelLogging (BP-MON-1): L1 resources without logs, the constructs with their logs
 * turned off, and the constructs' defaults; only these two rules run.
 */
class ConnectivityLoggingRulesTest {
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(TransitGatewayFlowLog.class,
            VpnTunnelLogging.class);
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        // L1: a Transit Gateway with no flow log; a VPN connection with no tunnel options, one with logs on the first
        // tunnel only
        CfnTransitGateway.Builder.create(stack, "BareHub").build();
        CfnVPNConnection.Builder.create(stack, "BareVpn").type("ipsec.1").customerGatewayId("cgw-0123456789abcdef0")
                .vpnGatewayId("vgw-0123456789abcdef0").build();
        CfnVPNConnection.Builder.create(stack, "HalfLoggedVpn").type("ipsec.1")
                .customerGatewayId("cgw-0123456789abcdef0").vpnGatewayId("vgw-0123456789abcdef0")
                .vpnTunnelOptionsSpecifications(List.of(
                        CfnVPNConnection.VpnTunnelOptionsSpecificationProperty.builder()
                                .logOptions(CfnVPNConnection.VpnTunnelLogOptionsSpecificationProperty.builder()
                                        .cloudwatchLogOptions(CfnVPNConnection.CloudwatchLogOptionsSpecificationProperty
                                                .builder().logEnabled(true)
                                                .logGroupArn("arn:aws:logs:eu-west-1:111111111111:log-group:vpn")
                                                .build()).build()).build(),
                        CfnVPNConnection.VpnTunnelOptionsSpecificationProperty.builder().build()))
                .build();
        // L2 misconfiguration: the constructs with their logs turned off
        SecureVpc vpc = new SecureVpc(stack, "Network", SecureVpcProps.builder()
                .tiers(List.of(SubnetTier.builder("workload", TierKind.ISOLATED).cidrMask(22).build())).build());
        new TransitGateway(stack, "UnloggedHub", TransitGatewayProps.builder().flowLogs(false).build());
        new SiteToSiteVpn(stack, "UnloggedVpn", SiteToSiteVpnProps.builder().secureVpc(vpc)
                .customerGatewayIp("198.51.100.7").onPremisesCidrs(List.of("192.168.0.0/16"))
                .routeTiers(List.of("workload")).tunnelLogs(false).build());
        // compliant: the constructs' defaults
        new TransitGateway(stack, "Hub", null);
        new SiteToSiteVpn(stack, "Vpn", SiteToSiteVpnProps.builder().secureVpc(vpc)
                .customerGatewayIp("198.51.100.8").onPremisesCidrs(List.of("172.16.0.0/16"))
                .routeTiers(List.of("workload")).build());
        findings = PackFindings.checkOnly(stack, RULES);
    }

    @Test
    void failsL1TransitGatewayAndVpnConnectionsWithoutLogs() {
        assertEquals(List.of("BlueprintChecks-TransitGatewayFlowLog"), findings.at("Test/BareHub"));
        assertEquals(List.of("BlueprintChecks-VpnTunnelLogging[VpnTunnelOptionsSpecifications]"),
                findings.at("Test/BareVpn"));
        assertEquals(List.of("BlueprintChecks-VpnTunnelLogging[Tunnel1]"), findings.at("Test/HalfLoggedVpn"));
    }

    @Test
    void failsTheConstructsWithTheirLogsTurnedOff() {
        assertEquals(List.of("BlueprintChecks-TransitGatewayFlowLog"), findings.at("Test/UnloggedHub/Resource"));
        assertEquals(List.of("BlueprintChecks-VpnTunnelLogging[Tunnel0]", "BlueprintChecks-VpnTunnelLogging[Tunnel1]"),
                findings.at("Test/UnloggedVpn/Connection"));
    }

    @Test
    void passesTheConstructsDefaults() {
        assertEquals(List.of(), findings.at("Test/Hub/Resource"));
        assertEquals(List.of(), findings.at("Test/Vpn/Connection"));
        assertEquals(Map.of(), Map.copyOf(findings.all().entrySet().stream()
                .filter(e -> e.getKey().startsWith("Test/Hub/") || e.getKey().startsWith("Test/Vpn/"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }
}
