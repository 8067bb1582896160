package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.ec2.FlowLogMaxAggregationInterval;
import software.amazon.awscdk.services.ec2.IIpAddresses;
import software.amazon.awscdk.services.logs.RetentionDays;

/** {@link ResolvedVpcProps}: every default of {@link SecureVpcProps}, applied in one place, without a stack. */
class ResolvedVpcPropsTest {

    @Test
    void appliesEveryDefaultToUnsetProps() {
        ResolvedVpcProps r = ResolvedVpcProps.resolve(null, 2, null);
        assertEquals(SecureVpcProps.DEFAULT_TIERS, r.tiers());
        assertEquals("10.0.0.0/16", r.cidr());
        assertEquals(0, r.reservedAzs());
        assertEquals(NatStrategy.NONE, r.natStrategy());
        assertEquals(PrivateEgress.NAT, r.privateEgress());
        assertFalse(r.ipv6());
        assertEquals(List.of(), r.blockList());
        assertEquals(NaclRuleNumbers.DEFAULT_ENTRY_QUOTA, r.naclEntryQuota());
        assertEquals(PortRange.EPHEMERAL, r.ephemeralPorts());
        assertTrue(r.flowLogs());
        assertEquals(FlowLogDestinations.CLOUDWATCH_LOGS, r.flowLogDestinations());
        assertEquals(RetentionDays.ONE_YEAR, r.flowLogRetention());
        assertEquals(FlowLogMaxAggregationInterval.TEN_MINUTES, r.flowLogAggregation());
        assertEquals(FlowLogBucketEncryption.KMS, r.flowLogBucketEncryption());
        assertEquals(0, r.natGateways());
        assertNull(r.natHostTier());
    }

    /** Without AZs given, the VPC spans maxAzs (3 by default) or as many as the stack offers, if fewer. */
    @Test
    void spansAtMostMaxAzsOfTheStack() {
        assertEquals(2, ResolvedVpcProps.resolve(null, 2, null).azCount());
        assertEquals(3, ResolvedVpcProps.resolve(null, 4, null).azCount());
        assertEquals(4, ResolvedVpcProps.resolve(SecureVpcProps.builder().maxAzs(4).build(), 6, null).azCount());
    }

    @Test
    void spansTheAzsGiven() {
        SecureVpcProps props = SecureVpcProps.builder().availabilityZones(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d")).build();
        assertEquals(4, ResolvedVpcProps.resolve(props, 0, null).azCount());
    }

    /** With ipAddresses the CIDR is the one it allocates, or unknown (IPAM): never the default. */
    @Test
    void takesTheCidrThatIpAddressesAllocates() {
        SecureVpcProps props = SecureVpcProps.builder().ipAddresses(SecureVpcValidatorTest.stub(IIpAddresses.class))
                .build();
        assertEquals("10.9.0.0/16", ResolvedVpcProps.resolve(props, 2, "10.9.0.0/16").cidr());
        assertNull(ResolvedVpcProps.resolve(props, 2, null).cidr());
    }

    /** NAT gateways live in the first public tier: one, or one per AZ. */
    @Test
    void placesNatGatewaysInTheFirstPublicTier() {
        SecureVpcProps props = SecureVpcProps.builder().natStrategy(NatStrategy.PER_AZ).tiers(List.of(
                SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).build(),
                SubnetTier.builder("spare", TierKind.PUBLIC).reserved(true).build(),
                SubnetTier.builder("edge", TierKind.PUBLIC).build())).build();
        ResolvedVpcProps r = ResolvedVpcProps.resolve(props, 3, null);
        assertEquals("edge", r.natHostTier());
        assertEquals(3, r.natGateways());
        assertEquals("app, edge", r.tierNames());
    }
}
