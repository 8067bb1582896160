package io.securevpc.endpoints;

import io.securevpc.internal.Maps;
import io.securevpc.internal.RequiredProps;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Aws;

/**
 * Whose principals may use an endpoint, and whose resources they may reach through it: the condition every
 * statement of an {@link EndpointPolicy} carries (BP-IAM-3, BP-EP-3). Either a list of accounts
 * ({@code aws:PrincipalAccount} / {@code aws:ResourceAccount}) or one organization
 * ({@code aws:PrincipalOrgID} / {@code aws:ResourceOrgID}).
 */
public final class AccessBoundary {
    private final List<String> accounts;
    private final String organizationId;

    private AccessBoundary(final List<String> accounts, final String organizationId) {
        this.accounts = accounts;
        this.organizationId = organizationId;
    }

    /** The account of the stack the endpoint belongs to ({@code AWS::AccountId}). */
    public static @NotNull AccessBoundary thisAccount() {
        return new AccessBoundary(List.of(Aws.ACCOUNT_ID), null);
    }

    /** The given 12-digit accounts (checked by the construct that receives the policy). */
    public static @NotNull AccessBoundary accounts(final @NotNull String... accountIds) {
        RequiredProps.of("AccessBoundary").require("accountIds", accountIds).elements("accountIds", accountIds).check();
        return new AccessBoundary(List.of(accountIds), null);
    }

    /** Every account of one AWS Organizations organization, e.g. {@code o-a1b2c3d4e5}. */
    public static @NotNull AccessBoundary organization(final @NotNull String organizationId) {
        RequiredProps.of("AccessBoundary").require("organizationId", organizationId).check();
        return new AccessBoundary(null, organizationId);
    }

    /** @return the accounts, or an empty list for an organization boundary. */
    public @NotNull List<String> getAccounts() {
        return accounts == null ? List.of() : accounts;
    }

    /** @return the organization id, or {@code null} for an account boundary. */
    public String getOrganizationId() {
        return organizationId;
    }

    /** @return the condition that keeps callers inside the boundary. */
    Map<String, Object> principalCondition() {
        return organizationId != null
                ? Maps.of("aws:PrincipalOrgID", List.of(organizationId))
                : Maps.of("aws:PrincipalAccount", accounts);
    }

    /** @return the condition that keeps callers and the resources they reach inside the boundary. */
    Map<String, Object> principalAndResourceCondition() {
        return organizationId != null
                ? Maps.of("aws:PrincipalOrgID", List.of(organizationId), "aws:ResourceOrgID", List.of(organizationId))
                : Maps.of("aws:PrincipalAccount", accounts, "aws:ResourceAccount", accounts);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof AccessBoundary b && Objects.equals(b.accounts, accounts)
                && Objects.equals(b.organizationId, organizationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accounts, organizationId);
    }

    @Override
    public String toString() {
        return organizationId != null ? "organization " + organizationId : "accounts " + accounts;
    }
}
