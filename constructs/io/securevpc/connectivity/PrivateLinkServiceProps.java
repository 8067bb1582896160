package io.securevpc.connectivity;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;

/** Props of {@link PrivateLinkService}. Immutable; build with {@link #builder()}. */
public final class PrivateLinkServiceProps {
    /** How consumers of one endpoint service are told apart (BP-MV-3). */
    public enum Tenancy {
        /** One load balancer (and endpoint service) per consumer. */
        SINGLE_TENANT,
        /**
         * One shared load balancer for many consumers: tell them apart by application credentials, separate
         * listener ports, or Proxy Protocol v2 (which carries the consumer's endpoint id).
         */
        MULTI_TENANT
    }

    private final IVpc vpc;
    private final SubnetSelection subnets;
    private final List<ArnPrincipal> allowedPrincipals;
    private final Boolean acceptanceRequired;
    private final Boolean proxyProtocolV2;
    private final Tenancy tenancy;
    private final IKey notificationKey;
    private final IBucket accessLogBucket;
    private final String accessLogPrefix;
    private final SslPolicy sslPolicy;

    private PrivateLinkServiceProps(final Builder b) {
        RequiredProps.of("PrivateLinkServiceProps").require("vpc", b.vpc)
                .elements("allowedPrincipals", b.allowedPrincipals)
                .check();
        this.vpc = b.vpc;
        this.subnets = b.subnets;
        this.allowedPrincipals = b.allowedPrincipals == null ? List.of() : List.copyOf(b.allowedPrincipals);
        this.acceptanceRequired = b.acceptanceRequired;
        this.proxyProtocolV2 = b.proxyProtocolV2;
        this.tenancy = b.tenancy;
        this.notificationKey = b.notificationKey;
        this.accessLogBucket = b.accessLogBucket;
        this.accessLogPrefix = b.accessLogPrefix;
        this.sslPolicy = b.sslPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provider's VPC, where the internal Network Load Balancer lives. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /**
     * Subnets of the load balancer.
     *
     * @default - the VPC's private subnets, or its isolated subnets when it has none
     */
    public @Nullable SubnetSelection getSubnets() {
        return subnets;
    }

    /** The accounts, roles or users allowed to create endpoints to the service: explicit, never {@code *}. */
    public @NotNull List<ArnPrincipal> getAllowedPrincipals() {
        return allowedPrincipals;
    }

    /**
     * Whether each connection request waits for the provider's acceptance.
     *
     * @default - true: the provider accepts each connection
     */
    public @Nullable Boolean getAcceptanceRequired() {
        return acceptanceRequired;
    }

    /**
     * Proxy Protocol v2 on every target group: targets see the consumer's endpoint id and source address.
     *
     * @default - false: targets see the load balancer's address
     */
    public @Nullable Boolean getProxyProtocolV2() {
        return proxyProtocolV2;
    }

    /**
     * Single- or multi-tenant; a multi-tenant service without Proxy Protocol v2 warns at synth.
     *
     * @default - {@link Tenancy#SINGLE_TENANT}
     */
    public @Nullable Tenancy getTenancy() {
        return tenancy;
    }

    /**
     * The customer managed key of the connection-notification topic. An imported key's policy must let
     * {@code vpce.amazonaws.com} use it (GenerateDataKey*, Decrypt).
     *
     * @default - a new key with rotation on, its policy granting the endpoint service what it needs
     */
    public @Nullable IKey getNotificationKey() {
        return notificationKey;
    }

    /**
     * Where the load balancer writes access logs (TLS listeners only), e.g. a replicated archive of your own. The
     * construct adds the log-delivery statements to its policy (and to its key's, when it has a customer managed
     * key); the bucket must be in the load balancer's region.
     *
     * @default - a bucket of the construct's own: SSE-KMS under a rotated customer managed key, versioning, block
     *     public access, SSL-only, server access logs, lifecycle, RETAIN; no replication
     */
    public @Nullable IBucket getAccessLogBucket() {
        return accessLogBucket;
    }

    /**
     * Prefix of the access logs in the bucket (no {@code AWSLogs}, no leading or trailing slash).
     *
     * @default - "privatelink-nlb"
     */
    public @Nullable String getAccessLogPrefix() {
        return accessLogPrefix;
    }

    /**
     * Security policy of TLS listeners.
     *
     * @default - {@link SslPolicy#TLS13_12_RES_PQ}: TLS 1.3 and restricted TLS 1.2 ciphers, post-quantum hybrid key
     *     exchange
     */
    public @Nullable SslPolicy getSslPolicy() {
        return sslPolicy;
    }

    /** Builder of {@link PrivateLinkServiceProps}. */
    public static final class Builder {
        private IVpc vpc;
        private SubnetSelection subnets;
        private List<ArnPrincipal> allowedPrincipals;
        private Boolean acceptanceRequired;
        private Boolean proxyProtocolV2;
        private Tenancy tenancy;
        private IKey notificationKey;
        private IBucket accessLogBucket;
        private String accessLogPrefix;
        private SslPolicy sslPolicy;

        public Builder vpc(final @NotNull IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        public Builder subnets(final @Nullable SubnetSelection subnets) {
            this.subnets = subnets;
            return this;
        }

        public Builder allowedPrincipals(final @NotNull List<ArnPrincipal> allowedPrincipals) {
            this.allowedPrincipals = allowedPrincipals;
            return this;
        }

        public Builder acceptanceRequired(final @Nullable Boolean acceptanceRequired) {
            this.acceptanceRequired = acceptanceRequired;
            return this;
        }

        public Builder proxyProtocolV2(final @Nullable Boolean proxyProtocolV2) {
            this.proxyProtocolV2 = proxyProtocolV2;
            return this;
        }

        public Builder tenancy(final @Nullable Tenancy tenancy) {
            this.tenancy = tenancy;
            return this;
        }

        public Builder notificationKey(final @Nullable IKey notificationKey) {
            this.notificationKey = notificationKey;
            return this;
        }

        public Builder accessLogBucket(final @Nullable IBucket accessLogBucket) {
            this.accessLogBucket = accessLogBucket;
            return this;
        }

        public Builder accessLogPrefix(final @Nullable String accessLogPrefix) {
            this.accessLogPrefix = accessLogPrefix;
            return this;
        }

        public Builder sslPolicy(final @Nullable SslPolicy sslPolicy) {
            this.sslPolicy = sslPolicy;
            return this;
        }

        public PrivateLinkServiceProps build() {
            return new PrivateLinkServiceProps(this);
        }
    }
}
