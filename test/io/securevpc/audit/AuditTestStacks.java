package io.securevpc.audit;

import io.securevpc.TestStacks;
import io.securevpc.internal.HardenedBuckets;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/** Stacks for the audit tests: {@link TestStacks#regionalStack()} plus the S3 feature flag log buckets need. */
final class AuditTestStacks {
    private AuditTestStacks() {
    }

    /** A stack in eu-west-1 of account 111111111111, with access-log delivery granted by bucket policy. */
    static Stack regionalStack() {
        App app = App.Builder.create().context(Map.of(
                "availability-zones:account=111111111111:region=eu-west-1", TestStacks.AZS,
                HardenedBuckets.ACCESS_LOGS_USE_BUCKET_POLICY, true)).build();
        return new Stack(app, "Test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
    }
}
