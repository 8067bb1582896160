/**
 * Threat detection and response (BP-MON-4/5): GuardDuty ({@link io.securevpc.detection.ThreatDetection}), the alert
 * topic and dead-letter queue ({@link io.securevpc.detection.SecurityAlerts}), and EventBridge-driven remediation
 * runbooks: instance isolation, malicious-IP blocking, public-ingress revocation, tamper response, and alerts on every call that could blind monitoring
 * ({@link io.securevpc.detection.MonitoringChangeAlerts}).
 *
 * <p>Imports: the root package, {@code io.securevpc.internal}, {@code io.securevpc.network} and the neutral marker
 * package; never {@code io.securevpc.nag}, {@code io.securevpc.gate} or the app.
 */
package io.securevpc.detection;
