package io.securevpc.iam;

/** The effect of a {@link PolicyRule}: an explicit deny always wins over an allow (BP-IAM-3). */
public enum RuleEffect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    RuleEffect(final String json) {
        this.json = json;
    }

    /** @return the value of the policy JSON's {@code Effect} element. */
    public String json() {
        return json;
    }
}
