package io.securevpc.iam;

import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.INetworkAcl;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Props of {@link NetworkOperatorRoles}: one VPC, who may assume each duty's role, and the resources the duties
 * manage. A duty whose principals are not given gets no role.
 */
public final class NetworkOperatorRolesProps {
    private final IVpc vpc;
    private final List<IPrincipal> networkAdmins;
    private final List<IPrincipal> securityGroupAdmins;
    private final List<IPrincipal> naclAdmins;
    private final List<IPrincipal> auditReaders;
    private final List<ISecurityGroup> securityGroups;
    private final List<INetworkAcl> networkAcls;
    private final List<IVpcEndpoint> vpcEndpoints;
    private final List<ILogGroup> auditLogGroups;
    private final List<IBucket> auditBuckets;
    private final Boolean requireMfa;
    private final String externalId;
    private final Boolean grantDescribe;

    private NetworkOperatorRolesProps(final Builder b) {
        RequiredProps.of("NetworkOperatorRolesProps").require("vpc", b.vpc)
                .elements("networkAdmins", b.networkAdmins)
                .elements("securityGroupAdmins", b.securityGroupAdmins)
                .elements("naclAdmins", b.naclAdmins)
                .elements("auditReaders", b.auditReaders)
                .elements("securityGroups", b.securityGroups)
                .elements("networkAcls", b.networkAcls)
                .elements("vpcEndpoints", b.vpcEndpoints)
                .elements("auditLogGroups", b.auditLogGroups)
                .elements("auditBuckets", b.auditBuckets)
                .check();
        this.vpc = b.vpc;
        this.networkAdmins = copy(b.networkAdmins);
        this.securityGroupAdmins = copy(b.securityGroupAdmins);
        this.naclAdmins = copy(b.naclAdmins);
        this.auditReaders = copy(b.auditReaders);
        this.securityGroups = b.securityGroups == null ? null : List.copyOf(b.securityGroups);
        this.networkAcls = b.networkAcls == null ? null : List.copyOf(b.networkAcls);
        this.vpcEndpoints = b.vpcEndpoints == null ? null : List.copyOf(b.vpcEndpoints);
        this.auditLogGroups = b.auditLogGroups == null ? null : List.copyOf(b.auditLogGroups);
        this.auditBuckets = b.auditBuckets == null ? null : List.copyOf(b.auditBuckets);
        this.requireMfa = b.requireMfa;
        this.externalId = b.externalId;
        this.grantDescribe = b.grantDescribe;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the VPC the roles operate. */
    public @NotNull IVpc getVpc() {
        return vpc;
    }

    /**
     * Who may assume the network-administrator role (routes, route-table associations, endpoints).
     *
     * @default - no network-administrator role is created
     */
    public @Nullable List<IPrincipal> getNetworkAdmins() {
        return networkAdmins;
    }

    /**
     * Who may assume the security-group-administrator role (rules of {@link #getSecurityGroups()}).
     *
     * @default - no security-group-administrator role is created
     */
    public @Nullable List<IPrincipal> getSecurityGroupAdmins() {
        return securityGroupAdmins;
    }

    /**
     * Who may assume the NACL-administrator role (entries of {@link #getNetworkAcls()}).
     *
     * @default - no NACL-administrator role is created
     */
    public @Nullable List<IPrincipal> getNaclAdmins() {
        return naclAdmins;
    }

    /**
     * Who may assume the audit-reader role (reads {@link #getAuditLogGroups()}, lists {@link #getAuditBuckets()}).
     *
     * @default - no audit-reader role is created
     */
    public @Nullable List<IPrincipal> getAuditReaders() {
        return auditReaders;
    }

    /**
     * @return the security groups of the VPC the security-group administrator manages.
     *
     * @default - an empty list: the security-group administrator may change no group
     */
    public @Nullable List<ISecurityGroup> getSecurityGroups() {
        return securityGroups;
    }

    /**
     * @return the NACLs of the VPC the NACL administrator manages.
     *
     * @default - an empty list: the NACL administrator may change no NACL
     */
    public @Nullable List<INetworkAcl> getNetworkAcls() {
        return networkAcls;
    }

    /**
     * @return the endpoints of the VPC given (kept for compatibility: they grant nothing).
     * @deprecated no operator may modify an endpoint: {@code ec2:ModifyVpcEndpoint} changes the endpoint's policy
     *     too, and IAM has no condition key to keep the policy out (BP-EP-3); endpoints change through the deployment.
     *
     * @default - an empty list; every value is the same: the network administrator may modify no endpoint
     */
    @Deprecated
    public @Nullable List<IVpcEndpoint> getVpcEndpoints() {
        return vpcEndpoints;
    }

    /**
     * @return the log groups (flow logs, trail) the audit reader reads.
     *
     * @default - an empty list: the audit reader reads no log group
     */
    public @Nullable List<ILogGroup> getAuditLogGroups() {
        return auditLogGroups;
    }

    /**
     * @return the buckets (flow logs, trail, Config) the audit reader lists.
     *
     * @default - an empty list: the audit reader lists no bucket
     */
    public @Nullable List<IBucket> getAuditBuckets() {
        return auditBuckets;
    }

    /**
     * Whether assuming a role requires the caller to have signed in with MFA ({@code aws:MultiFactorAuthPresent}).
     * Turning it off is a weakening and warns at synth.
     *
     * @default - true
     */
    public @Nullable Boolean getRequireMfa() {
        return requireMfa;
    }

    /**
     * An external id the caller must pass ({@code sts:ExternalId}), for roles assumed by another party's account.
     *
     * @default - no external id is required
     */
    public @Nullable String getExternalId() {
        return externalId;
    }

    /**
     * Adds each role's read-only describe/list actions, which have no resource-level permissions and therefore
     * need {@code Resource: "*"} (narrowed to the region by {@code aws:RequestedRegion}, see
     * {@link OperatorPolicies#describe}). A weakening: warns at synth, and AwsSolutions-IAM5 reports it.
     *
     * @default - false: the roles act on the exact resources only (CLI with known ids)
     */
    public @Nullable Boolean getGrantDescribe() {
        return grantDescribe;
    }

    private static List<IPrincipal> copy(final List<IPrincipal> v) {
        return v == null ? null : List.copyOf(v);
    }

    /** Builder of {@link NetworkOperatorRolesProps}. */
    public static final class Builder {
        private IVpc vpc;
        private List<IPrincipal> networkAdmins;
        private List<IPrincipal> securityGroupAdmins;
        private List<IPrincipal> naclAdmins;
        private List<IPrincipal> auditReaders;
        private List<ISecurityGroup> securityGroups;
        private List<INetworkAcl> networkAcls;
        private List<IVpcEndpoint> vpcEndpoints;
        private List<ILogGroup> auditLogGroups;
        private List<IBucket> auditBuckets;
        private Boolean requireMfa;
        private String externalId;
        private Boolean grantDescribe;

        public Builder vpc(final @NotNull IVpc v) {
            this.vpc = v;
            return this;
        }

        /** @see NetworkOperatorRolesProps#getNetworkAdmins() */
        public Builder networkAdmins(final @Nullable List<? extends IPrincipal> v) {
            this.networkAdmins = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see NetworkOperatorRolesProps#getSecurityGroupAdmins() */
        public Builder securityGroupAdmins(final @Nullable List<? extends IPrincipal> v) {
            this.securityGroupAdmins = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see NetworkOperatorRolesProps#getNaclAdmins() */
        public Builder naclAdmins(final @Nullable List<? extends IPrincipal> v) {
            this.naclAdmins = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see NetworkOperatorRolesProps#getAuditReaders() */
        public Builder auditReaders(final @Nullable List<? extends IPrincipal> v) {
            this.auditReaders = v == null ? null : new ArrayList<>(v);
            return this;
        }

        public Builder securityGroups(final @Nullable List<? extends ISecurityGroup> v) {
            this.securityGroups = v == null ? null : new ArrayList<>(v);
            return this;
        }

        public Builder networkAcls(final @Nullable List<? extends INetworkAcl> v) {
            this.networkAcls = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @deprecated grants nothing: see {@link NetworkOperatorRolesProps#getVpcEndpoints()}. */
        @Deprecated
        public Builder vpcEndpoints(final @Nullable List<? extends IVpcEndpoint> v) {
            this.vpcEndpoints = v == null ? null : new ArrayList<>(v);
            return this;
        }

        public Builder auditLogGroups(final @Nullable List<? extends ILogGroup> v) {
            this.auditLogGroups = v == null ? null : new ArrayList<>(v);
            return this;
        }

        public Builder auditBuckets(final @Nullable List<? extends IBucket> v) {
            this.auditBuckets = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see NetworkOperatorRolesProps#getRequireMfa() */
        public Builder requireMfa(final @Nullable Boolean v) {
            this.requireMfa = v;
            return this;
        }

        /** @see NetworkOperatorRolesProps#getExternalId() */
        public Builder externalId(final @Nullable String v) {
            this.externalId = v;
            return this;
        }

        /** @see NetworkOperatorRolesProps#getGrantDescribe() */
        public Builder grantDescribe(final @Nullable Boolean v) {
            this.grantDescribe = v;
            return this;
        }

        public NetworkOperatorRolesProps build() {
            return new NetworkOperatorRolesProps(this);
        }
    }
}
