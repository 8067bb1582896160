package io.securevpc.nag;

import org.jetbrains.annotations.NotNull;

/** What a rule of the pack is about: the groups of {@link RuleTable} and of {@code RULES.md}, in their order. */
public enum RuleCategory {
    FLOW_LOGS("Flow logs"),
    DNS("DNS"),
    SECURITY_GROUPS("Security groups"),
    NACLS("Network ACLs"),
    ROUTING("Subnets and routing"),
    ENDPOINTS("VPC endpoints"),
    CONNECTIVITY("Connectivity between VPCs"),
    AUDIT("Audit baseline"),
    IAM("IAM");

    private final String title;

    RuleCategory(final String title) {
        this.title = title;
    }

    /** @return the heading of the group in {@code RULES.md}. */
    public @NotNull String title() {
        return title;
    }
}
