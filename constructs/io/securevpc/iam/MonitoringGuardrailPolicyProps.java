package io.securevpc.iam;

import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;

/** Props of {@link MonitoringGuardrailPolicy}. */
public final class MonitoringGuardrailPolicyProps {
    private final List<IRole> roles;
    private final List<IBucket> archiveBuckets;
    private final List<ITopic> alertTopics;
    private final List<Stack> protectedStacks;
    private final String pipelineRole;
    private final String breakGlassRole;

    private MonitoringGuardrailPolicyProps(final Builder b) {
        RequiredProps.of("MonitoringGuardrailPolicyProps").require("roles", b.roles).elements("roles", b.roles)
                .elements("archiveBuckets", b.archiveBuckets).elements("alertTopics", b.alertTopics)
                .elements("protectedStacks", b.protectedStacks).check();
        this.roles = List.copyOf(b.roles);
        this.archiveBuckets = b.archiveBuckets == null ? null : List.copyOf(b.archiveBuckets);
        this.alertTopics = b.alertTopics == null ? null : List.copyOf(b.alertTopics);
        this.protectedStacks = b.protectedStacks == null ? null : List.copyOf(b.protectedStacks);
        this.pipelineRole = b.pipelineRole;
        this.breakGlassRole = b.breakGlassRole;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the roles the policy is attached to. */
    public @NotNull List<IRole> getRoles() {
        return roles;
    }

    /**
     * @return the log archive's buckets, whose policy, lifecycle, versioning and Object Lock nobody may change.
     *
     * @default - an empty list: the policy adds no S3 deny
     */
    public @Nullable List<IBucket> getArchiveBuckets() {
        return archiveBuckets;
    }

    /**
     * @return the topics of the security alerts, from which nobody may unsubscribe.
     *
     * @default - an empty list: the policy adds no {@code sns:Unsubscribe} deny
     */
    public @Nullable List<ITopic> getAlertTopics() {
        return alertTopics;
    }

    /**
     * @return the stacks (audit, detection) nobody may delete or take the termination protection from.
     *
     * @default - an empty list: the policy adds no CloudFormation deny
     */
    public @Nullable List<Stack> getProtectedStacks() {
        return protectedStacks;
    }

    /**
     * @return the deployment pipeline's role, an ARN (wildcards allowed) or a role name; exempt from the denies.
     *
     * @default - CDK's bootstrap deployment role, {@code arn:<partition>:iam::*:role/cdk-*-cfn-exec-role-*}
     */
    public @Nullable String getPipelineRole() {
        return pipelineRole;
    }

    /**
     * @return the break-glass role, an ARN (wildcards allowed) or a role name; exempt from the denies, its calls
     *     alerted on.
     *
     * @default - no break-glass role: only the pipeline role is exempt
     */
    public @Nullable String getBreakGlassRole() {
        return breakGlassRole;
    }

    /** Builder of {@link MonitoringGuardrailPolicyProps}. */
    public static final class Builder {
        private List<IRole> roles;
        private List<IBucket> archiveBuckets;
        private List<ITopic> alertTopics;
        private List<Stack> protectedStacks;
        private String pipelineRole;
        private String breakGlassRole;

        /** @see MonitoringGuardrailPolicyProps#getRoles() */
        public Builder roles(final @NotNull List<? extends IRole> v) {
            this.roles = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see MonitoringGuardrailPolicyProps#getArchiveBuckets() */
        public Builder archiveBuckets(final @Nullable List<? extends IBucket> v) {
            this.archiveBuckets = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see MonitoringGuardrailPolicyProps#getAlertTopics() */
        public Builder alertTopics(final @Nullable List<? extends ITopic> v) {
            this.alertTopics = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see MonitoringGuardrailPolicyProps#getProtectedStacks() */
        public Builder protectedStacks(final @Nullable List<? extends Stack> v) {
            this.protectedStacks = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see MonitoringGuardrailPolicyProps#getPipelineRole() */
        public Builder pipelineRole(final @Nullable String v) {
            this.pipelineRole = v;
            return this;
        }

        /** @see MonitoringGuardrailPolicyProps#getBreakGlassRole() */
        public Builder breakGlassRole(final @Nullable String v) {
            this.breakGlassRole = v;
            return this;
        }

        public MonitoringGuardrailPolicyProps build() {
            return new MonitoringGuardrailPolicyProps(this);
        }
    }
}
