package io.securevpc.network;

/** Server-side encryption of the flow-log bucket. */
public enum FlowLogBucketEncryption {
    /** SSE-KMS with the flow-log customer-managed key. The default. */
    KMS,
    /** SSE-S3 (S3-managed keys): no key policy controls who may read the logs. A weakening: synth warns. */
    S3_MANAGED
}
