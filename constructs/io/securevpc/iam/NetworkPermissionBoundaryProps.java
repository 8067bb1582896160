package io.securevpc.iam;

import io.securevpc.internal.RequiredProps;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.logs.ILogGroup;

/** Props of {@link NetworkPermissionBoundary}. */
public final class NetworkPermissionBoundaryProps {
    private final List<PolicyRule> ceiling;
    private final List<String> allowedRegions;
    private final List<IVpc> internetVpcs;
    private final List<ILogGroup> protectedLogGroups;
    private final String managedPolicyName;

    private NetworkPermissionBoundaryProps(final Builder b) {
        RequiredProps.of("NetworkPermissionBoundaryProps").require("ceiling", b.ceiling)
                .elements("ceiling", b.ceiling)
                .elements("allowedRegions", b.allowedRegions)
                .elements("internetVpcs", b.internetVpcs)
                .elements("protectedLogGroups", b.protectedLogGroups)
                .check();
        this.ceiling = List.copyOf(b.ceiling);
        this.allowedRegions = b.allowedRegions == null ? null : List.copyOf(b.allowedRegions);
        this.internetVpcs = b.internetVpcs == null ? null : List.copyOf(b.internetVpcs);
        this.protectedLogGroups = b.protectedLogGroups == null ? null : List.copyOf(b.protectedLogGroups);
        this.managedPolicyName = b.managedPolicyName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The allow statements that are the most any bounded role may ever do: the union of what the bounded roles'
     * own policies grant (e.g. {@link NetworkOperatorRoles#allRules()} and {@link ServiceRoleRules}). A role
     * whose policy grants more gets only the intersection.
     */
    public @NotNull List<PolicyRule> getCeiling() {
        return ceiling;
    }

    /**
     * @return the regions regional actions may be called in.
     *
     * @default - the stack's region
     */
    public @Nullable List<String> getAllowedRegions() {
        return allowedRegions;
    }

    /**
     * @return the only VPCs that may get an internet gateway or public subnets.
     *
     * @default - an empty list: no VPC may get an internet gateway or a public subnet
     */
    public @Nullable List<IVpc> getInternetVpcs() {
        return internetVpcs;
    }

    /**
     * @return log groups (flow logs, trail) no bounded role may delete or change.
     *
     * @default - an empty list: the boundary adds no log-group deny
     */
    public @Nullable List<ILogGroup> getProtectedLogGroups() {
        return protectedLogGroups;
    }

    /**
     * The managed policy's name; the boundary names its own ARN to protect itself, so the name is fixed at synth.
     *
     * @default - a name unique to this construct's path
     */
    public @Nullable String getManagedPolicyName() {
        return managedPolicyName;
    }

    /** Builder of {@link NetworkPermissionBoundaryProps}. */
    public static final class Builder {
        private List<PolicyRule> ceiling;
        private List<String> allowedRegions;
        private List<IVpc> internetVpcs;
        private List<ILogGroup> protectedLogGroups;
        private String managedPolicyName;

        /** @see NetworkPermissionBoundaryProps#getCeiling() */
        public Builder ceiling(final @NotNull List<PolicyRule> v) {
            this.ceiling = v;
            return this;
        }

        /** @see NetworkPermissionBoundaryProps#getAllowedRegions() */
        public Builder allowedRegions(final @Nullable List<String> v) {
            this.allowedRegions = v;
            return this;
        }

        /** @see NetworkPermissionBoundaryProps#getInternetVpcs() */
        public Builder internetVpcs(final @Nullable List<? extends IVpc> v) {
            this.internetVpcs = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see NetworkPermissionBoundaryProps#getProtectedLogGroups() */
        public Builder protectedLogGroups(final @Nullable List<? extends ILogGroup> v) {
            this.protectedLogGroups = v == null ? null : new ArrayList<>(v);
            return this;
        }

        /** @see NetworkPermissionBoundaryProps#getManagedPolicyName() */
        public Builder managedPolicyName(final @Nullable String v) {
            this.managedPolicyName = v;
            return this;
        }

        public NetworkPermissionBoundaryProps build() {
            return new NetworkPermissionBoundaryProps(this);
        }
    }
}
