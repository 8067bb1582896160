/**
 * BlueprintChecks rules, one class per rule, named after what it checks (the class name is the rule id): the rules that an app creating a VPC has (or declares) the audit baseline: CloudTrail, Config, GuardDuty
 * ({@code AuditBaselinePresent}), all of it per account and region, with its Config rules and alarms
 * ({@code AuditBaselineComplete}), and someone subscribed to the alert topics ({@code AlertTopicSubscribed}).
 * Start with the rule's class Javadoc (BP-* ids, what is checked); its row in {@code io.securevpc.nag.RuleTable}
 * gives its level and message.
 *
 * <p>May import {@code io.securevpc.nag.rules}, {@code io.securevpc.nag.model}, {@code io.securevpc.compliance},
 * {@code io.securevpc.internal}, the root package and {@code io.securevpc.audit} (its {@code SecurityEvent} set of
 * alarms); never {@code io.securevpc.nag}, {@code gate} or {@code app}.
 */
package io.securevpc.nag.rules.audit;
