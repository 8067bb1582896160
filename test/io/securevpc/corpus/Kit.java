package io.securevpc.corpus;

import io.securevpc.network.FlowLogFormat;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnFlowLog;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.CfnSubnetNetworkAclAssociation;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.CfnVPNConnection;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfig;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfigAssociation;

/** The parts consumer apps of the corpus are made of: small L1 resources, compliant unless a case says otherwise. */
final class Kit {
    /** A VPC of someone else's, by id: the resources that name it are checked, the VPC itself is not in the app. */
    static final String VPC_ID = "vpc-0123456789abcdef0";
    static final String KEY = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private Kit() {
    }

    /**
     * A VPC with a flow log of all traffic in the full format to a log group encrypted with a customer key, and its
     * DNS queries logged to the same group.
     */
    static CfnVPC vpc(final Stack stack, final String id, final String cidr) {
        return vpc(stack, id, cidr, "ALL", true);
    }

    static CfnVPC vpc(final Stack stack, final String id, final String cidr, final String traffic,
                      final boolean encrypted) {
        CfnVPC vpc = CfnVPC.Builder.create(stack, id).cidrBlock(cidr).build();
        CfnLogGroup.Builder logs = CfnLogGroup.Builder.create(stack, id + "FlowLogGroup").retentionInDays(365);
        if (encrypted) {
            logs.kmsKeyId(KEY);
        }
        CfnLogGroup group = logs.build();
        CfnFlowLog.Builder.create(stack, id + "FlowLog").resourceId(vpc.getRef()).resourceType("VPC")
                .trafficType(traffic).logDestinationType("cloud-watch-logs").logGroupName(group.getRef())
                .deliverLogsPermissionArn("arn:aws:iam::111111111111:role/flow-logs").logFormat(FlowLogFormat.FORMAT)
                .maxAggregationInterval(60).build();
        CfnResolverQueryLoggingConfig queries = CfnResolverQueryLoggingConfig.Builder.create(stack, id + "QueryLogs")
                .destinationArn(group.getAttrArn()).build();
        CfnResolverQueryLoggingConfigAssociation.Builder.create(stack, id + "QueryLogsAssociation")
                .resolverQueryLogConfigId(queries.getRef()).resourceId(vpc.getRef()).build();
        return vpc;
    }

    /** A security group of {@link #VPC_ID} with one narrow egress rule and the given ingress. */
    static CfnSecurityGroup group(final Stack stack, final String id, final List<CfnSecurityGroup.IngressProperty> in) {
        return CfnSecurityGroup.Builder.create(stack, id).groupDescription(id).vpcId(VPC_ID)
                .securityGroupIngress(in)
                .securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder().ipProtocol("tcp")
                        .fromPort(443).toPort(443).cidrIp("10.0.0.0/16").build()))
                .build();
    }

    static CfnSecurityGroup.IngressProperty tcpFrom(final String cidr, final int port) {
        return cidr.contains(":")
                ? CfnSecurityGroup.IngressProperty.builder().ipProtocol("tcp").fromPort(port).toPort(port).cidrIpv6(cidr).build()
                : CfnSecurityGroup.IngressProperty.builder().ipProtocol("tcp").fromPort(port).toPort(port).cidrIp(cidr).build();
    }

    /** A NACL of {@link #VPC_ID}, associated with a subnet of it when {@code subnetCidr} is given. */
    static CfnNetworkAcl acl(final Stack stack, final String id, final String subnetCidr) {
        CfnNetworkAcl acl = CfnNetworkAcl.Builder.create(stack, id).vpcId(VPC_ID).build();
        if (subnetCidr != null) {
            CfnSubnet subnet = CfnSubnet.Builder.create(stack, id + "Subnet").vpcId(VPC_ID).cidrBlock(subnetCidr)
                    .availabilityZone("eu-west-1a").build();
            CfnSubnetNetworkAclAssociation.Builder.create(stack, id + "Association").networkAclId(acl.getRef())
                    .subnetId(subnet.getRef()).build();
        }
        return acl;
    }

    /** A TCP entry ({@code from} -1 for all traffic). */
    static void entry(final Stack stack, final CfnNetworkAcl acl, final int number, final boolean egress,
                      final String action, final String cidr, final int from, final int to) {
        CfnNetworkAclEntry.Builder b = CfnNetworkAclEntry.Builder.create(stack, acl.getNode().getId() + (egress ? "Out" : "In")
                        + number).networkAclId(acl.getRef()).ruleNumber(number).ruleAction(action).egress(egress);
        if (cidr.contains(":")) {
            b.ipv6CidrBlock(cidr);
        } else {
            b.cidrBlock(cidr);
        }
        if (from < 0) {
            b.protocol(-1);
        } else {
            b.protocol(6).portRange(CfnNetworkAclEntry.PortRangeProperty.builder().from(from).to(to).build());
        }
        b.build();
    }

    /** Tunnel options as the guidance wants them, with one option replaced by {@code weak} when given. */
    static CfnVPNConnection.VpnTunnelOptionsSpecificationProperty tunnel(final String ike, final String integrity) {
        return CfnVPNConnection.VpnTunnelOptionsSpecificationProperty.builder()
                .ikeVersions(List.of(CfnVPNConnection.IKEVersionsRequestListValueProperty.builder().value(ike).build()))
                .phase1EncryptionAlgorithms(List.of(CfnVPNConnection.Phase1EncryptionAlgorithmsRequestListValueProperty
                        .builder().value("AES256-GCM-16").build()))
                .phase2EncryptionAlgorithms(List.of(CfnVPNConnection.Phase2EncryptionAlgorithmsRequestListValueProperty
                        .builder().value("AES256-GCM-16").build()))
                .phase1IntegrityAlgorithms(List.of(CfnVPNConnection.Phase1IntegrityAlgorithmsRequestListValueProperty
                        .builder().value(integrity).build()))
                .phase2IntegrityAlgorithms(List.of(CfnVPNConnection.Phase2IntegrityAlgorithmsRequestListValueProperty
                        .builder().value(integrity).build()))
                .phase1DhGroupNumbers(List.of(CfnVPNConnection.Phase1DHGroupNumbersRequestListValueProperty
                        .builder().value(20).build()))
                .phase2DhGroupNumbers(List.of(CfnVPNConnection.Phase2DHGroupNumbersRequestListValueProperty
                        .builder().value(20).build()))
                .build();
    }
}
