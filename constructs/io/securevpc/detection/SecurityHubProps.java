package io.securevpc.detection;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** Props of {@link SecurityHub}. */
public final class SecurityHubProps {
    private final SecurityAlerts alerts;
    private final Boolean existingHub;
    private final Boolean excludeGuardDutyFindings;
    private final String delegatedAdminAccountId;
    private final Boolean autoEnableOrganizationMembers;
    private final List<String> excludedControlIds;

    private SecurityHubProps(final Builder b) {
        RequiredProps.of("SecurityHubProps").require("alerts", b.alerts)
                .elements("excludedControlIds", b.excludedControlIds).check();
        this.alerts = b.alerts;
        this.existingHub = b.existingHub;
        this.excludeGuardDutyFindings = b.excludeGuardDutyFindings;
        this.delegatedAdminAccountId = b.delegatedAdminAccountId;
        this.autoEnableOrganizationMembers = b.autoEnableOrganizationMembers;
        this.excludedControlIds = b.excludedControlIds == null ? null : List.copyOf(b.excludedControlIds);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return where high and critical findings are reported. */
    public @NotNull SecurityAlerts getAlerts() {
        return alerts;
    }

    /**
     * Security Hub CSPM is already enabled in the account and region (e.g. by the organization's delegated
     * administrator): adopt it, create neither the hub nor the standards (enabling them is then its owner's), only
     * the alert on its findings.
     *
     * @default - false: the hub and the two standards are created
     */
    public @Nullable Boolean getExistingHub() {
        return existingHub;
    }

    /**
     * Leave the findings GuardDuty sends to Security Hub to {@link GuardDutyFindingAlerts} and
     * {@link InstanceFindingAlerts}, which report them from GuardDuty directly, so that one finding is not reported
     * twice.
     *
     * @default - false: GuardDuty's high and critical findings are reported through Security Hub too
     */
    public @Nullable Boolean getExcludeGuardDutyFindings() {
        return excludeGuardDutyFindings;
    }

    /**
     * Organization mode, in the organization's management account: make this account (12 digits) Security Hub's
     * delegated administrator ({@code AWS::SecurityHub::DelegatedAdmin}).
     *
     * @default - no delegated administrator is designated (single-account use)
     */
    public @Nullable String getDelegatedAdminAccountId() {
        return delegatedAdminAccountId;
    }

    /**
     * Organization mode, in the delegated administrator account: enable Security Hub and the default standards in
     * every account that joins the organization ({@code AWS::SecurityHub::OrganizationConfiguration}, local
     * configuration).
     *
     * @default - false: new member accounts are not enabled automatically
     */
    public @Nullable Boolean getAutoEnableOrganizationMembers() {
        return autoEnableOrganizationMembers;
    }

    /**
     * Security Hub controls (their {@code Compliance.SecurityControlId}, e.g. {@code EC2.2}) whose findings do not
     * alert, because another rule already reports the same drift: e.g. the controls that check what
     * {@code ConfigBaseline}'s own AWS Config rules check ({@code ConfigBaseline.SECURITY_HUB_CONTROLS}), whose
     * non-compliance {@link ConfigComplianceAlerts} reports. The findings stay in Security Hub.
     *
     * @default - every control's high and critical findings alert
     */
    public @Nullable List<String> getExcludedControlIds() {
        return excludedControlIds;
    }

    /** Builder of {@link SecurityHubProps}. */
    public static final class Builder {
        private SecurityAlerts alerts;
        private Boolean existingHub;
        private Boolean excludeGuardDutyFindings;
        private String delegatedAdminAccountId;
        private Boolean autoEnableOrganizationMembers;
        private List<String> excludedControlIds;

        public Builder excludedControlIds(final @Nullable List<String> v) {
            this.excludedControlIds = v;
            return this;
        }

        public Builder alerts(final @NotNull SecurityAlerts v) {
            this.alerts = v;
            return this;
        }

        public Builder existingHub(final @Nullable Boolean v) {
            this.existingHub = v;
            return this;
        }

        public Builder excludeGuardDutyFindings(final @Nullable Boolean v) {
            this.excludeGuardDutyFindings = v;
            return this;
        }

        public Builder delegatedAdminAccountId(final @Nullable String v) {
            this.delegatedAdminAccountId = v;
            return this;
        }

        public Builder autoEnableOrganizationMembers(final @Nullable Boolean v) {
            this.autoEnableOrganizationMembers = v;
            return this;
        }

        public SecurityHubProps build() {
            return new SecurityHubProps(this);
        }
    }
}
