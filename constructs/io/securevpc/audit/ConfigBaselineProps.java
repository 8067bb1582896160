package io.securevpc.audit;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/** Props of {@link ConfigBaseline}. Immutable; build with {@link #builder()}. */
public final class ConfigBaselineProps {
    private final IBucket bucket;
    private final IKey encryptionKey;
    private final Boolean adoptExistingRecorder;
    private final Boolean recordGlobalResources;
    private final RemediationMode remediationMode;
    private final Integer maxAutomaticAttempts;
    private final Integer retryAttemptSeconds;
    private final List<Integer> authorizedTcpPorts;
    private final List<String> requiredEndpointServices;
    private final Boolean conformancePack;
    private final Boolean organizationAggregator;

    private ConfigBaselineProps(final Builder b) {
        RequiredProps.of("ConfigBaselineProps")
                .elements("authorizedTcpPorts", b.authorizedTcpPorts)
                .elements("requiredEndpointServices", b.requiredEndpointServices)
                .check();
        this.bucket = b.bucket;
        this.encryptionKey = b.encryptionKey;
        this.adoptExistingRecorder = b.adoptExistingRecorder;
        this.recordGlobalResources = b.recordGlobalResources;
        this.remediationMode = b.remediationMode;
        this.maxAutomaticAttempts = b.maxAutomaticAttempts;
        this.retryAttemptSeconds = b.retryAttemptSeconds;
        this.authorizedTcpPorts = b.authorizedTcpPorts == null ? null : List.copyOf(b.authorizedTcpPorts);
        this.requiredEndpointServices = b.requiredEndpointServices == null ? null
                : List.copyOf(b.requiredEndpointServices);
        this.conformancePack = b.conformancePack;
        this.organizationAggregator = b.organizationAggregator;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Props that deliver to a {@link LogArchive}: its bucket for AWS Config and its key. */
    public static Builder builder(final LogArchive archive) {
        RequiredProps.of("ConfigBaselineProps").require("archive", archive).check();
        return new Builder().bucket(archive.getConfigBucket()).encryptionKey(archive.getKey());
    }

    /**
     * The bucket the delivery channel writes configuration history and snapshots to (under
     * {@code AWSLogs/<account>/Config/}); its policy must let AWS Config write (a {@link LogArchive} does).
     * Required unless {@link #getAdoptExistingRecorder()}.
     *
     * @default - no bucket: ConfigBaseline fails (SVPC-009) unless adoptExistingRecorder is true
     */
    public @Nullable IBucket getBucket() {
        return bucket;
    }

    /**
     * The customer-managed key AWS Config encrypts its deliveries with. Required unless
     * {@link #getAdoptExistingRecorder()}.
     *
     * @default - no key: ConfigBaseline fails (SVPC-009) unless adoptExistingRecorder is true
     */
    public @Nullable IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * Use the region's existing configuration recorder and delivery channel (there can be only one of each
     * per region), e.g. one set up by AWS Control Tower: only the rules and remediations are created.
     *
     * @default - false: a recorder and a delivery channel are created
     */
    public @Nullable Boolean getAdoptExistingRecorder() {
        return adoptExistingRecorder;
    }

    /**
     * Record global resource types (IAM users, groups, roles, policies). Turn this on in exactly one region per
     * account, or every region records them again.
     *
     * @default - true
     */
    public @Nullable Boolean getRecordGlobalResources() {
        return recordGlobalResources;
    }

    /**
     * Whether remediations run automatically or are left to an operator.
     *
     * @default - {@link RemediationMode#AUTOMATIC}
     */
    public @Nullable RemediationMode getRemediationMode() {
        return remediationMode;
    }

    /**
     * How many times a remediation is tried automatically for one resource, 1 to 25, within
     * {@link #getRetryAttemptSeconds()}.
     *
     * @default - 3
     */
    public @Nullable Integer getMaxAutomaticAttempts() {
        return maxAutomaticAttempts;
    }

    /**
     * The window, in seconds (1 to 2678000), in which {@link #getMaxAutomaticAttempts()} applies.
     *
     * @default - 60
     */
    public @Nullable Integer getRetryAttemptSeconds() {
        return retryAttemptSeconds;
    }

    /**
     * TCP ports that security groups may open to 0.0.0.0/0 ({@code vpc-sg-open-only-to-authorized-ports}).
     *
     * @default - [443]
     */
    public @Nullable List<Integer> getAuthorizedTcpPorts() {
        return authorizedTcpPorts;
    }

    /**
     * Services every VPC must have an endpoint for ({@code service-vpc-endpoint-enabled}, one rule per
     * service), as the short names of the service ({@code s3}, {@code ssm}, {@code logs}) (BP-EP-1).
     *
     * @default - [s3]
     */
    public @Nullable List<String> getRequiredEndpointServices() {
        return requiredEndpointServices;
    }

    /**
     * Also deploy the VPC rules (the ones scoped to a VPC resource type) as an AWS Config conformance pack,
     * {@code securevpc-vpc-baseline}, for its compliance score and its view per pack (BP-AUD-3). The pack's rules are
     * evaluated, and charged, in addition to the construct's own (which alert and remediate); the app leaves it off.
     *
     * @default - false: no conformance pack, the rules only
     */
    public @Nullable Boolean getConformancePack() {
        return conformancePack;
    }

    /**
     * Organization mode: an AWS Config aggregator of every account and region of the organization
     * ({@code AWS::Config::ConfigurationAggregator} with an organization source) and the role AWS Config assumes for
     * it (the four Organizations read calls, for this account's AWS Config only). Deploy it in the organization's
     * management account or AWS Config's delegated administrator account.
     *
     * @default - false: the compliance of this account and region only
     */
    public @Nullable Boolean getOrganizationAggregator() {
        return organizationAggregator;
    }

    /** Builder of {@link ConfigBaselineProps}. */
    public static final class Builder {
        private IBucket bucket;
        private IKey encryptionKey;
        private Boolean adoptExistingRecorder;
        private Boolean recordGlobalResources;
        private RemediationMode remediationMode;
        private Integer maxAutomaticAttempts;
        private Integer retryAttemptSeconds;
        private List<Integer> authorizedTcpPorts;
        private List<String> requiredEndpointServices;
        private Boolean conformancePack;
        private Boolean organizationAggregator;

        private Builder() {
        }

        /** @see ConfigBaselineProps#getBucket() */
        public Builder bucket(final @Nullable IBucket value) {
            this.bucket = value;
            return this;
        }

        /** @see ConfigBaselineProps#getEncryptionKey() */
        public Builder encryptionKey(final @Nullable IKey value) {
            this.encryptionKey = value;
            return this;
        }

        /** @see ConfigBaselineProps#getAdoptExistingRecorder() */
        public Builder adoptExistingRecorder(final @Nullable Boolean value) {
            this.adoptExistingRecorder = value;
            return this;
        }

        /** @see ConfigBaselineProps#getRecordGlobalResources() */
        public Builder recordGlobalResources(final @Nullable Boolean value) {
            this.recordGlobalResources = value;
            return this;
        }

        /** @see ConfigBaselineProps#getRemediationMode() */
        public Builder remediationMode(final @Nullable RemediationMode value) {
            this.remediationMode = value;
            return this;
        }

        /** @see ConfigBaselineProps#getMaxAutomaticAttempts() */
        public Builder maxAutomaticAttempts(final @Nullable Integer value) {
            this.maxAutomaticAttempts = value;
            return this;
        }

        /** @see ConfigBaselineProps#getRetryAttemptSeconds() */
        public Builder retryAttemptSeconds(final @Nullable Integer value) {
            this.retryAttemptSeconds = value;
            return this;
        }

        /** @see ConfigBaselineProps#getAuthorizedTcpPorts() */
        public Builder authorizedTcpPorts(final @Nullable List<Integer> value) {
            this.authorizedTcpPorts = value;
            return this;
        }

        /** @see ConfigBaselineProps#getRequiredEndpointServices() */
        public Builder requiredEndpointServices(final @Nullable List<String> value) {
            this.requiredEndpointServices = value;
            return this;
        }

        /** @see ConfigBaselineProps#getConformancePack() */
        public Builder conformancePack(final @Nullable Boolean value) {
            this.conformancePack = value;
            return this;
        }

        /** @see ConfigBaselineProps#getOrganizationAggregator() */
        public Builder organizationAggregator(final @Nullable Boolean value) {
            this.organizationAggregator = value;
            return this;
        }

        public ConfigBaselineProps build() {
            return new ConfigBaselineProps(this);
        }
    }
}
