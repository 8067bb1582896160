package io.securevpc.network;

import io.securevpc.internal.Maps;
import io.securevpc.internal.QueryLogDelivery;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfig;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfigAssociation;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * Route 53 Resolver query logging of one VPC (BP-MON-1, BP-NET-6): every DNS query that resources of the VPC send to
 * the Amazon-provided resolver, which flow logs do not record. Delivered where the VPC's flow logs go:
 * <ul>
 *   <li>flow logs to CloudWatch Logs (alone or with S3): a log group of its own, under the flow logs' key and with
 *       their retention, retained on stack deletion, and a CloudWatch Logs resource policy that lets the log-delivery
 *       service ({@code delivery.logs.amazonaws.com}) of this account and region write to that group only;</li>
 *   <li>flow logs to S3 only: the flow-log bucket under {@value #S3_PREFIX}, with a bucket-policy statement that lets
 *       the log-delivery service of this account write there (a bucket given as {@code flowLogBucket} is not
 *       changed: its owner grants the same).</li>
 * </ul>
 * Package-private: created by {@link SecureVpc} unless {@code resolverQueryLogging} is false.
 */
final class ResolverQueryLogging extends Construct {
    static final String S3_PREFIX = "resolver-query-logs/";

    private ResolverQueryLogging(final Construct scope, final IVpc vpc, final VpcFlowLogs flowLogs,
                                 final ResolvedVpcProps props) {
        super(scope, "ResolverQueryLogs");
        String destination = props.flowLogDestinations().includesCloudWatchLogs()
                ? logGroup(flowLogs, props) : bucket(flowLogs.getBucket());
        CfnResolverQueryLoggingConfig config = CfnResolverQueryLoggingConfig.Builder.create(this, "Config")
                .destinationArn(destination)
                .build();
        CfnResolverQueryLoggingConfigAssociation.Builder.create(this, "Association")
                .resolverQueryLogConfigId(config.getRef())
                .resourceId(vpc.getVpcId())
                .build();
    }

    /** Logs the VPC's DNS queries when the props ask for it; else warns that they are not recorded. */
    static void attach(final SecureVpc scope, final IVpc vpc, final VpcFlowLogs flowLogs,
                       final ResolvedVpcProps props) {
        if (props.resolverQueryLogging()) {
            new ResolverQueryLogging(scope, vpc, flowLogs, props);
            return;
        }
        Annotations.of(scope).addWarningV2("@securevpc/network:resolverQueryLoggingDisabled",
                "no Route 53 Resolver query logging: the VPC's DNS queries are not recorded (BP-MON-1, BP-NET-6).");
    }

    private String logGroup(final VpcFlowLogs flowLogs, final ResolvedVpcProps props) {
        Stack stack = Stack.of(this);
        LogGroup group = LogGroup.Builder.create(this, "LogGroup")
                .encryptionKey(flowLogs.getKey())
                .retention(props.flowLogRetention())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        group.addToResourcePolicy(QueryLogDelivery.toLogGroup(stack, group.getLogGroupArn()));
        return group.getLogGroupArn();
    }

    private String bucket(final IBucket bucket) {
        Stack stack = Stack.of(this);
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowResolverQueryLogDelivery")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("delivery.logs.amazonaws.com")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(S3_PREFIX + "AWSLogs/" + stack.getAccount() + "/*")))
                .conditions(Maps.of(
                        "StringEquals", Maps.of("s3:x-amz-acl", "bucket-owner-full-control",
                                "aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Maps.of("aws:SourceArn", logsArnOfThisAccount(stack))))
                .build());
        return bucket.getBucketArn() + "/" + S3_PREFIX;
    }

    private static String logsArnOfThisAccount(final Stack stack) {
        return "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount() + ":*";
    }
}
