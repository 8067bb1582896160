/**
 * BlueprintChecks rules, one class per rule, named after what it checks (the class name is the rule id): the rules on IAM roles and policies (separation of network duties, wildcard resources
 * narrowed by conditions).
 * Start with the rule's class Javadoc (BP-* ids, what is checked); its row in {@code io.securevpc.nag.RuleTable}
 * gives its level and message.
 *
 * <p>May import {@code io.securevpc.nag.rules}, {@code io.securevpc.nag.model}, {@code io.securevpc.compliance},
 * {@code io.securevpc.internal} and the root package; never {@code io.securevpc.nag}, {@code gate} or {@code app}.
 */
package io.securevpc.nag.rules.iam;
