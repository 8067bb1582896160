package io.securevpc.connectivity;

import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import io.securevpc.internal.QueryLogDelivery;
import io.securevpc.internal.RequiredProps;
import io.securevpc.network.PortRange;
import io.securevpc.network.ISecureVpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnCustomerGateway;
import software.amazon.awscdk.services.ec2.CfnVPCGatewayAttachment;
import software.amazon.awscdk.services.ec2.CfnVPNConnection;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.CloudwatchLogOptionsSpecificationProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.IKEVersionsRequestListValueProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.Phase1DHGroupNumbersRequestListValueProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.Phase1EncryptionAlgorithmsRequestListValueProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.Phase1IntegrityAlgorithmsRequestListValueProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.Phase2DHGroupNumbersRequestListValueProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.Phase2EncryptionAlgorithmsRequestListValueProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.Phase2IntegrityAlgorithmsRequestListValueProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.VpnTunnelLogOptionsSpecificationProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty;
import software.amazon.awscdk.services.ec2.CfnVPNConnectionRoute;
import software.amazon.awscdk.services.ec2.CfnVPNGateway;
import software.amazon.awscdk.services.ec2.CfnVPNGatewayRoutePropagation;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * On-premises connectivity without the internet (BP-NET-11, BP-EP-1): a virtual private gateway attached to
 * a {@link ISecureVpc}, a customer gateway and a Site-to-Site VPN connection whose two tunnels accept only
 * IKEv2 with AES-256 (GCM or CBC), SHA-2 and Diffie-Hellman groups 14, 19, 20 and 21. VPN routes are propagated
 * only into the chosen private or isolated tiers' route tables, never a public tier; static routes are
 * validated like every other route beyond the VPC (specific, outside the VPC, one path per destination); the
 * same tiers' NACLs get allow entries for the given ports to and from the on-premises blocks. Both tunnels log to a
 * CloudWatch Logs group under the VPC's flow-log key (a key of its own when the VPC has none), with the given retention
 * and retained on deletion, that only the log-delivery service of this account may write to (BP-MON-1); off only
 * through {@code tunnelLogs(false)}, which warns.
 */
public class SiteToSiteVpn extends Construct {
    private static final int DEFAULT_ASN = 65000;
    /** Private, shared, loopback, link-local, "this network", multicast and reserved ranges. */
    private static final List<Ipv4Cidr> NOT_PUBLIC = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/8", "224.0.0.0/3").stream()
            .map(Ipv4Cidr::of).toList();

    private final CfnVPNGateway gateway;
    private final CfnVPNConnection connection;
    private final LogGroup tunnelLogGroup;

    public SiteToSiteVpn(final @NotNull Construct scope, final @NotNull String id,
                         final @NotNull SiteToSiteVpnProps props) {
        super(scope, id);
        RequiredProps.of("SiteToSiteVpn").require("props", props).check();
        validate(props);
        ISecureVpc vpc = props.getSecureVpc();
        List<PortRange> outbound = props.getOutboundPorts() != null ? props.getOutboundPorts()
                : List.of(PortRange.tcp(443));
        List<PortRange> inbound = props.getInboundPorts() != null ? props.getInboundPorts()
                : List.of(PortRange.tcp(443));
        for (String tier : props.getRouteTiers()) {
            vpc.allowExternalTraffic(tier, props.getOnPremisesCidrs(), outbound, inbound);
        }
        this.gateway = CfnVPNGateway.Builder.create(this, "VpnGateway").type("ipsec.1").build();
        CfnVPCGatewayAttachment attachment = CfnVPCGatewayAttachment.Builder.create(this, "Attachment")
                .vpcId(vpc.getVpc().getVpcId()).vpnGatewayId(gateway.getRef()).build();
        CfnCustomerGateway customer = CfnCustomerGateway.Builder.create(this, "CustomerGateway")
                .type("ipsec.1")
                .ipAddress(props.getCustomerGatewayIp())
                .bgpAsn(props.getCustomerGatewayAsn() != null ? props.getCustomerGatewayAsn() : DEFAULT_ASN)
                .build();
        boolean staticRouting = Boolean.TRUE.equals(props.getStaticRouting());
        this.tunnelLogGroup = Boolean.FALSE.equals(props.getTunnelLogs()) ? null : createTunnelLogGroup(props);
        if (tunnelLogGroup == null) {
            Annotations.of(this).addWarningV2("@securevpc/connectivity:vpnTunnelLogsDisabled",
                    "tunnelLogs is false: no record of the VPN tunnels' negotiations and state changes (BP-MON-1).");
        }
        String logGroupArn = tunnelLogGroup == null ? null : tunnelLogGroup.getLogGroupArn();
        this.connection = CfnVPNConnection.Builder.create(this, "Connection")
                .type("ipsec.1")
                .customerGatewayId(customer.getRef())
                .vpnGatewayId(gateway.getRef())
                .staticRoutesOnly(staticRouting)
                .vpnTunnelOptionsSpecifications(List.of(strongTunnel(logGroupArn), strongTunnel(logGroupArn)))
                .build();
        if (staticRouting) {
            for (int i = 0; i < props.getOnPremisesCidrs().size(); i++) {
                CfnVPNConnectionRoute.Builder.create(this, "StaticRoute" + (i + 1))
                        .vpnConnectionId(connection.getRef())
                        .destinationCidrBlock(props.getOnPremisesCidrs().get(i))
                        .build();
            }
        }
        List<String> routeTables = new ArrayList<>();
        for (String tier : props.getRouteTiers()) {
            for (ISubnet subnet : vpc.getVpc().selectSubnets(vpc.tierSubnets(tier)).getSubnets()) {
                routeTables.add(subnet.getRouteTable().getRouteTableId());
            }
        }
        CfnVPNGatewayRoutePropagation propagation = CfnVPNGatewayRoutePropagation.Builder
                .create(this, "RoutePropagation")
                .vpnGatewayId(gateway.getRef())
                .routeTableIds(routeTables)
                .build();
        propagation.addResourceDependency(attachment);
        RouteClaims.claim(vpc, props.getOnPremisesCidrs(), "SiteToSiteVpn " + getNode().getPath());
    }

    /** @return the virtual private gateway's id. */
    public @NotNull String getVpnGatewayId() {
        return gateway.getRef();
    }

    /** @return the VPN connection's id. */
    public @NotNull String getVpnConnectionId() {
        return connection.getRef();
    }

    /** @return the tunnels' log group, or {@code null} when tunnel logs are off. */
    public @Nullable ILogGroup getTunnelLogGroup() {
        return tunnelLogGroup;
    }

    private LogGroup createTunnelLogGroup(final SiteToSiteVpnProps props) {
        LogGroup group = ConnectivityLogs.logGroup(this, "TunnelLogGroup", props.getSecureVpc().getFlowLogKey(),
                props.getTunnelLogRetention(), "the tunnel logs of the Site-to-Site VPN " + getNode().getPath());
        group.addToResourcePolicy(QueryLogDelivery.toLogGroup(Stack.of(this), group.getLogGroupArn(),
                "AllowVpnTunnelLogDelivery"));
        return group;
    }

    private void validate(final SiteToSiteVpnProps props) {
        Problems problems = new Problems();
        Optional<Ipv4Cidr> ip = Ipv4Cidr.parse(props.getCustomerGatewayIp() + "/32");
        if (ip.isEmpty() || NOT_PUBLIC.stream().anyMatch(r -> r.contains(ip.get()))) {
            problems.add(ErrorCode.CONNECTIVITY, "customerGatewayIp", props.getCustomerGatewayIp(),
                    "the public IPv4 address of the on-premises VPN device");
        }
        Integer asn = props.getCustomerGatewayAsn();
        if (asn != null && (asn < 1 || asn == 7224)) {
            problems.add(ErrorCode.CONNECTIVITY, "customerGatewayAsn", asn,
                    "a positive BGP ASN other than 7224 (reserved by AWS)");
        }
        RouteClaims.check(props.getSecureVpc(), "onPremisesCidrs", props.getOnPremisesCidrs(), "VPN", problems);
        RouteClaims.checkTiers(props.getSecureVpc(), "routeTiers", props.getRouteTiers(), problems);
        problems.throwIfAny(() -> "SiteToSiteVpn " + getNode().getPath());
    }

    /**
     * IKEv2 only; AES-256 (GCM first), SHA-2, DH groups 14 and 19-21 in both phases; the tunnel's logs (JSON) to
     * {@code logGroupArn} unless it is {@code null}.
     */
    private static VpnTunnelOptionsSpecificationProperty strongTunnel(final String logGroupArn) {
        List<String> ciphers = List.of("AES256-GCM-16", "AES256");
        List<String> integrity = List.of("SHA2-256", "SHA2-384", "SHA2-512");
        List<Integer> dhGroups = List.of(14, 19, 20, 21);
        return VpnTunnelOptionsSpecificationProperty.builder()
                .ikeVersions(List.of(IKEVersionsRequestListValueProperty.builder().value("ikev2").build()))
                .phase1EncryptionAlgorithms(ciphers.stream().map(v ->
                        Phase1EncryptionAlgorithmsRequestListValueProperty.builder().value(v).build()).toList())
                .phase2EncryptionAlgorithms(ciphers.stream().map(v ->
                        Phase2EncryptionAlgorithmsRequestListValueProperty.builder().value(v).build()).toList())
                .phase1IntegrityAlgorithms(integrity.stream().map(v ->
                        Phase1IntegrityAlgorithmsRequestListValueProperty.builder().value(v).build()).toList())
                .phase2IntegrityAlgorithms(integrity.stream().map(v ->
                        Phase2IntegrityAlgorithmsRequestListValueProperty.builder().value(v).build()).toList())
                .phase1DhGroupNumbers(dhGroups.stream().map(v ->
                        Phase1DHGroupNumbersRequestListValueProperty.builder().value(v).build()).toList())
                .phase2DhGroupNumbers(dhGroups.stream().map(v ->
                        Phase2DHGroupNumbersRequestListValueProperty.builder().value(v).build()).toList())
                .logOptions(logGroupArn == null ? null : VpnTunnelLogOptionsSpecificationProperty.builder()
                        .cloudwatchLogOptions(CloudwatchLogOptionsSpecificationProperty.builder()
                                .logEnabled(true).logGroupArn(logGroupArn).logOutputFormat("json").build())
                        .build())
                .build();
    }
}
