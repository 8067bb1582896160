/**
 * The project's own cdk-nag v3 pack, {@link io.securevpc.nag.BlueprintChecks}: the VPC guidance (BP-* ids of
 * docs/guidance.md) the stock packs miss. Start with {@link io.securevpc.nag.RuleTable}, the table of every rule (id =
 * the rule's class name, level, BP-* ids, message, explanation) grouped by {@link io.securevpc.nag.RuleCategory};
 * {@code RULES.md} is generated from it by a test. {@link io.securevpc.nag.BlueprintChecks#only} makes a pack of
 * some rules (what the rules' tests use).
 *
 * <p>Subpackages: {@code nag.rules} (the rule interface, results, helpers) and {@code nag.rules.<service>} (one
 * class per rule), {@code nag.model} (the synthesized templates the rules read). This package may import those,
 * {@code io.securevpc.compliance}, {@code io.securevpc.internal} and the root package; never
 * {@code io.securevpc.gate} or {@code io.securevpc.app}, and no construct package needs it
 * ({@code ArchitectureTest} checks it).
 */
package io.securevpc.nag;
