package io.securevpc.network;

/** Where VPC flow logs are delivered (BP-MON-1). */
public enum FlowLogDestinations {
    /** A CloudWatch Logs group encrypted with a customer-managed KMS key. The default. */
    CLOUDWATCH_LOGS,
    /** A hardened S3 bucket. */
    S3,
    /** Both: CloudWatch Logs for alarms and queries, S3 for long-term archive. */
    BOTH;

    boolean includesCloudWatchLogs() {
        return this != S3;
    }

    boolean includesS3() {
        return this != CLOUDWATCH_LOGS;
    }
}
