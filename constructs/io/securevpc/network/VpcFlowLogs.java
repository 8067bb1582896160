package io.securevpc.network;

import io.securevpc.internal.HardenedBuckets;
import io.securevpc.internal.KeyPolicies;
import io.securevpc.internal.Maps;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnFlowLog;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogFileFormat;
import software.amazon.awscdk.services.ec2.FlowLogMaxAggregationInterval;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.S3DestinationOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The flow logs of one VPC (BP-MON-1): traffic type ALL, the full v2-v5 record format, delivered to a
 * CloudWatch Logs group under a customer-managed key and/or a hardened S3 bucket. Everything that holds
 * log data is retained when the stack is deleted. Package-private: created by {@link SecureVpc}.
 *
 * <p>Note: the {@code ec2:CreateFlowLogs}/{@code ec2:DeleteFlowLogs} actions have no resource-level
 * permissions (BP-MON-1), so protecting flow logs from deletion is a job for a permission boundary or SCP.
 */
final class VpcFlowLogs extends Construct {
    static final String S3_PREFIX = "vpc-flow-logs/";
    private static final String S3_ACCESS_LOGS_USE_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";
    private static final String S3_CREATE_DEFAULT_LOGGING_POLICY = "@aws-cdk/aws-s3:createDefaultLoggingPolicy";

    private final IKey key;
    private final ILogGroup logGroup;
    private final IBucket bucket;
    private Bucket accessLogBucket;

    VpcFlowLogs(final Construct scope, final String id, final IVpc vpc, final Settings s) {
        super(scope, id);
        // A library cannot rely on the app's cdk.json, so it sets the two flags its buckets depend on for its
        // own subtree: server access logs are granted to logging.s3.amazonaws.com by a bucket policy (the
        // LogDeliveryWrite ACL is refused under BUCKET_OWNER_ENFORCED), and the flow-log bucket policy grants
        // delivery.logs.amazonaws.com itself (without it, the policy AWS adds at flow-log creation is lost at
        // the next stack update and delivery stops).
        getNode().setContext(S3_ACCESS_LOGS_USE_BUCKET_POLICY, true);
        getNode().setContext(S3_CREATE_DEFAULT_LOGGING_POLICY, true);
        this.key = s.key() != null ? s.key() : needsKey(s) ? createKey(s) : null;
        this.logGroup = s.destinations().includesCloudWatchLogs() ? createCloudWatchLogsFlowLog(vpc, s) : null;
        this.bucket = s.destinations().includesS3() ? createS3FlowLog(vpc, s) : null;
    }

    /** Resolved flow-log settings. */
    record Settings(FlowLogDestinations destinations, RetentionDays retention,
                    FlowLogMaxAggregationInterval aggregation, IKey key, IBucket bucket,
                    FlowLogBucketEncryption bucketEncryption) {
    }

    IKey getKey() {
        return key;
    }

    ILogGroup getLogGroup() {
        return logGroup;
    }

    IBucket getBucket() {
        return bucket;
    }

    Bucket getAccessLogBucket() {
        return accessLogBucket;
    }

    /** A created key must encrypt something: the log group, or a bucket created here with SSE-KMS. */
    private static boolean needsKey(final Settings s) {
        return s.destinations().includesCloudWatchLogs() || encryptsCreatedBucketWithKms(s);
    }

    private static boolean encryptsCreatedBucketWithKms(final Settings s) {
        return s.destinations().includesS3() && s.bucket() == null
                && s.bucketEncryption() == FlowLogBucketEncryption.KMS;
    }

    private IKey createKey(final Settings s) {
        Stack stack = Stack.of(this);
        Key created = Key.Builder.create(this, "Key")
                .description("Encrypts the VPC flow logs of " + getNode().getScope().getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        if (s.destinations().includesCloudWatchLogs()) {
            created.addToResourcePolicy(KeyPolicies.allowCloudWatchLogs(stack));
        }
        if (encryptsCreatedBucketWithKms(s)) {
            created.addToResourcePolicy(KeyPolicies.allowLogDelivery(stack));
        }
        return created;
    }

    private ILogGroup createCloudWatchLogsFlowLog(final IVpc vpc, final Settings s) {
        Stack stack = Stack.of(this);
        LogGroup group = LogGroup.Builder.create(this, "LogGroup")
                .encryptionKey(key)
                .retention(s.retention())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        IRole fixedRole = FlowLogDeliveryRole.create(this, "",
                "Lets VPC Flow Logs of this account write to " + getNode().getPath(), group);
        withFormat(FlowLog.Builder.create(this, "ToCloudWatchLogs")
                .resourceType(FlowLogResourceType.fromVpc(vpc))
                .trafficType(FlowLogTrafficType.ALL)
                .destination(FlowLogDestination.toCloudWatchLogs(group, fixedRole))
                .maxAggregationInterval(s.aggregation())
                .build());
        return group;
    }

    private IBucket createS3FlowLog(final IVpc vpc, final Settings s) {
        IBucket target = s.bucket() != null ? s.bucket() : createBucket(s);
        FlowLog flowLog = FlowLog.Builder.create(this, "ToS3")
                .resourceType(FlowLogResourceType.fromVpc(vpc))
                .trafficType(FlowLogTrafficType.ALL)
                // The options also shape the bucket policy CDK writes (the Hive-style AWSLogs/aws-account-id= prefix).
                .destination(FlowLogDestination.toS3(target, S3_PREFIX, S3DestinationOptions.builder()
                        .fileFormat(FlowLogFileFormat.PLAIN_TEXT)
                        .hiveCompatiblePartitions(true)
                        .perHourPartition(true)
                        .build()))
                .maxAggregationInterval(s.aggregation())
                .build();
        withFormat(flowLog);
        withS3DestinationOptions(flowLog);
        return target;
    }

    /**
     * Writes the S3 destination options with the keys the {@code AWS::EC2::FlowLog} resource schema defines.
     * CDK 2.263 renders {@code DestinationOptions} with lower-camel-case keys ({@code fileFormat}, ...), which the
     * schema does not allow and cfn-lint reports as errors (E3002, E3003); the values are the ones given above.
     */
    private static void withS3DestinationOptions(final FlowLog flowLog) {
        ((CfnFlowLog) flowLog.getNode().findChild("FlowLog")).setDestinationOptions(Maps.of(
                "FileFormat", "plain-text",
                "HiveCompatiblePartitions", true,
                "PerHourPartition", true));
    }

    /**
     * Sets the custom record format ({@link FlowLogFormat#FORMAT}) on the flow log's CloudFormation resource.
     * Not through {@code LogFormat.custom(...)}: jsii initializes the Java class {@code LogFormat} by reading
     * all 40 of its constants from JavaScript, two round trips each.
     */
    private static void withFormat(final FlowLog flowLog) {
        ((CfnFlowLog) flowLog.getNode().findChild("FlowLog")).setLogFormat(FlowLogFormat.FORMAT);
    }

    private IBucket createBucket(final Settings s) {
        Bucket accessLogs = HardenedBuckets.accessLogBucket(this, "AccessLogBucket");
        this.accessLogBucket = accessLogs;
        Bucket.Builder flowLogBucket = HardenedBuckets.logBucket(this, "Bucket")
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("flow-log-bucket/");
        if (s.bucketEncryption() == FlowLogBucketEncryption.KMS) {
            flowLogBucket.encryption(BucketEncryption.KMS).encryptionKey(key).bucketKeyEnabled(true);
        } else {
            flowLogBucket.encryption(BucketEncryption.S3_MANAGED);
        }
        return HardenedBuckets.sendEventsToEventBridge(flowLogBucket.build());
    }
}
