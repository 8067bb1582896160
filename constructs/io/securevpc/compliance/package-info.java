/**
 * The small, neutral vocabulary that constructs and the pack share, so that no construct depends on the pack or
 * the gate: {@link io.securevpc.compliance.Acknowledgements} (the only way the project acknowledges a finding or a
 * construct warning, recording who made it for the gate's list, the same problem in several packs in one call: {@link io.securevpc.compliance.CrossPackFinding};
 * old BlueprintChecks ids included: {@link io.securevpc.compliance.DeprecatedRuleIds}), and the markers rules
 * read: {@link io.securevpc.compliance.PublicIngressMarker} (the tag {@code TierSecurityGroup} sets and
 * {@code SecurityGroupNoWorldIngress} reads) and {@link io.securevpc.compliance.AuditBaselineDeclaration} (the
 * template metadata {@code AuditBaselinePresent} and {@code AuditBaselineComplete} read), and
 * {@link io.securevpc.compliance.ResourceNarrowing} (the conditions that narrow a wildcard resource, which
 * remediation constructs write and {@code RolePolicyWildcardResourceNarrowed} verifies).
 *
 * <p>Start with {@code Acknowledgements}. This package sits below {@code io.securevpc.internal}: it may import
 * only the root package ({@code ErrorCode}, {@code BlueprintValidationException}), the JDK, aws-cdk-lib,
 * constructs and cdk-nag; never {@code internal}, a construct package, {@code nag} or {@code gate}
 * ({@code ArchitectureTest} checks it).
 */
package io.securevpc.compliance;
