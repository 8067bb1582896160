/**
 * The audit baseline of an account and region (BP-AUD-*, BP-MON-2/3): the log archive
 * ({@link io.securevpc.audit.LogArchive}), CloudTrail ({@link io.securevpc.audit.AuditTrail}), AWS Config with the
 * VPC rules and automatic remediation ({@link io.securevpc.audit.ConfigBaseline}), and CloudWatch alarms on the
 * trail ({@link io.securevpc.audit.SecurityAlarms}).
 *
 * <p>Imports: the root package, {@code io.securevpc.internal} and the neutral marker package
 * ({@code io.securevpc.compliance}); never {@code io.securevpc.nag}, {@code io.securevpc.gate} or the app.
 */
package io.securevpc.audit;
