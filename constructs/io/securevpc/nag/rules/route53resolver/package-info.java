/**
 * BlueprintChecks rules, one class per rule, named after what it checks (the class name is the rule id): the rules on
 * the DNS path of a VPC, which security groups and NACLs do not filter (BP-NET-6): every VPC's queries to the
 * Amazon-provided resolver are logged ({@code VpcResolverQueryLogging}) and filtered by a DNS Firewall rule group
 * ({@code VpcDnsFirewall}). Start with the rule's class Javadoc (BP-* ids, what is checked); its row in
 * {@code io.securevpc.nag.RuleTable} gives its level and message.
 *
 * <p>May import {@code io.securevpc.nag.rules}, {@code io.securevpc.nag.model}, {@code io.securevpc.compliance},
 * {@code io.securevpc.internal} and the root package; never {@code io.securevpc.nag}, {@code gate} or {@code app}.
 */
package io.securevpc.nag.rules.route53resolver;
