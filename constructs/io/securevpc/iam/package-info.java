/**
 * Least-privilege IAM for the network (BP-IAM-*): operator roles with separated duties (security groups vs NACLs,
 * {@link io.securevpc.iam.NetworkOperatorRoles}), their permission boundary
 * ({@link io.securevpc.iam.NetworkPermissionBoundary}), guardrails as boundary and SCP documents
 * ({@link io.securevpc.iam.Guardrails}), the monitoring guardrails on the operator roles
 * ({@link io.securevpc.iam.MonitoringGuardrailPolicy}, BP-MON-3/4/5, BP-AUD-1/2), and a small policy evaluator the tests and the app use to prove who may do
 * what ({@link io.securevpc.iam.PolicyEvaluator}).
 *
 * <p>Imports: the root package, {@code io.securevpc.internal} and {@code io.securevpc.network}; never
 * {@code io.securevpc.nag}, {@code io.securevpc.gate} or the app.
 */
package io.securevpc.iam;
