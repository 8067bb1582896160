package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.securevpc.network.ValidationAssertions.assertProblem;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.AwsIpamProps;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * The {@link SecureVpc} constructor throws one {@link BlueprintValidationException} with the problems
 * {@link SecureVpcValidator} finds, naming the construct, before anything is created. Every single check is a
 * unit test of the validator ({@link SecureVpcValidatorTest}); these cases cover what only the construct does:
 * the construct path in the message, and the CIDR an {@code ipAddresses} allocates (a literal, or a token with
 * IPAM), read through CDK; and the two flow-log bucket checks, which need a bucket (a CDK object). Validation
 * runs before anything is created, so every case shares one stack.
 */
class SecureVpcValidationTest {
    private static final List<String> TWO_AZS = TestStacks.AZS.subList(0, 2);
    private static final SubnetTier DB = SubnetTier.builder("db", TierKind.ISOLATED).build();

    private static Stack stack;
    private static int next;

    @BeforeAll
    static void stack() {
        stack = TestStacks.regionalStack();
    }

    /** Builds a SecureVpc from valid two-AZ props changed by {@code change}, expecting it to fail. */
    private static BlueprintValidationException fails(final UnaryOperator<SecureVpcProps.Builder> change) {
        SecureVpcProps props = change.apply(SecureVpcProps.builder().availabilityZones(TWO_AZS)).build();
        return assertThrows(BlueprintValidationException.class,
                () -> new SecureVpc(stack, "Network" + next++, props));
    }

    /**
     * The constructor throws exactly what the validator finds for the same props (every problem, in one exception),
     * naming the construct by its path.
     */
    @Test
    void failsWithTheValidatorsProblemsNamingTheConstruct() {
        UnaryOperator<SecureVpcProps.Builder> change = b -> b
                .cidr("10.0.0.0/24")
                .reservedAzs(1)
                .tiers(List.of(DB, SubnetTier.builder("Db", TierKind.ISOLATED).cidrMask(24).build()))
                .flowLogRetention(RetentionDays.ONE_WEEK)
                .blockList(List.of(BlockListEntry.cidr("0.0.0.0/0", "x")));
        int id = next;
        BlueprintValidationException fromConstructor = fails(change);
        SecureVpcProps props = change.apply(SecureVpcProps.builder().availabilityZones(TWO_AZS)).build();
        BlueprintValidationException fromValidator = assertThrows(BlueprintValidationException.class,
                () -> SecureVpcValidator.validate(ResolvedVpcProps.resolve(props, 2, null),
                        () -> "SecureVpc Test/Network" + id));
        assertEquals(fromValidator.getMessage(), fromConstructor.getMessage());
        assertEquals(List.of(ErrorCode.TIER, ErrorCode.FLOW_LOGS, ErrorCode.BLOCK_LIST, ErrorCode.ADDRESS_SPACE),
                fromConstructor.getCodes());
    }

    /** Nothing is created for invalid props: not even the VPC. */
    @Test
    void createsNothingForInvalidProps() {
        String id = "Network" + next;
        fails(b -> b.naclEntryQuota(0));
        assertNull(stack.getNode().findChild(id).getNode().tryFindChild("Vpc"));
    }

    /** The message names the prop the user set: an out-of-range block given through ipAddresses. */
    @Test
    void failsOnAnIpAddressesPrefixShorterThan16() {
        assertProblem(fails(b -> b.ipAddresses(IpAddresses.cidr("10.0.0.0/15"))), ErrorCode.INVALID_CIDR,
                "ipAddresses = '10.0.0.0/15': a VPC CIDR prefix from /16 to /28");
    }

    @Test
    void failsWithBothCidrAndIpAddresses() {
        assertProblem(fails(b -> b.cidr("10.0.0.0/16").ipAddresses(IpAddresses.cidr("10.1.0.0/16"))),
                ErrorCode.CONFLICTING_PROPS, "cidr = '10.0.0.0/16': give either cidr or ipAddresses, not both");
    }

    /**
     * BP-NET-4: with an IPAM pool (a CIDR token) the entries name each subnet; the quota is checked against
     * those entries (the endpoints tier's 2 subnets make 3 outbound entries where a literal plan needs 2).
     */
    @Test
    void failsWhenThePerSubnetEntriesOfAnIpamVpcExceedTheQuota() {
        assertProblem(fails(b -> b.naclEntryQuota(2).ipAddresses(IpAddresses.awsIpamAllocation(
                AwsIpamProps.builder().ipv4IpamPoolId("ipam-pool-0123456789abcdef0").ipv4NetmaskLength(20).build()))),
                ErrorCode.NACL_RULES,
                "tiers[endpoints] NACL entries = '2 inbound, 3 outbound': at most naclEntryQuota (2) per direction");
    }

    /** The fluent builder validates the same props. */
    @Test
    void failsThroughTheBuilderToo() {
        assertProblem(assertThrows(BlueprintValidationException.class, () -> SecureVpc.Builder
                .create(stack, "Network" + next++).availabilityZones(TWO_AZS).maxAzs(2).build()),
                ErrorCode.CONFLICTING_PROPS, "maxAzs = 2: give either availabilityZones or maxAzs, not both");
    }

    @Test
    void failsWithAFlowLogBucketButNoS3Destination() {
        assertProblem(fails(b -> b.flowLogBucket(Bucket.fromBucketName(stack, "Bucket" + next, "logs-bucket"))),
                ErrorCode.CONFLICTING_PROPS, "flowLogBucket = '(a bucket)': only with flowLogDestinations S3 or BOTH");
    }

    @Test
    void failsWithABucketEncryptionForAFlowLogBucketGiven() {
        assertProblem(fails(b -> b.flowLogDestinations(FlowLogDestinations.S3)
                .flowLogBucket(Bucket.fromBucketName(stack, "Bucket" + next, "logs-bucket"))
                .flowLogBucketEncryption(FlowLogBucketEncryption.KMS)), ErrorCode.CONFLICTING_PROPS,
                "flowLogBucketEncryption = 'KMS': unset when flowLogBucket is given");
    }
}
