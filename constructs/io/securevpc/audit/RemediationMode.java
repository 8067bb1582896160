package io.securevpc.audit;

/** What {@link ConfigBaseline} does when a rule with a remediation finds a non-compliant resource (BP-AUD-3). */
public enum RemediationMode {
    /** Run the SSM Automation runbook at once, with the configured retry limits: the change is rolled back. */
    AUTOMATIC,
    /**
     * Record the non-compliance only; the remediation stays attached to the rule and an operator runs it
     * from the AWS Config console or API. A weakening: shows a synth warning.
     */
    ALERT_ONLY
}
