/**
 * The VPC itself (BP-NET-*, BP-MON-1): {@link io.securevpc.network.SecureVpc} and what it is made of — tiers
 * ({@link io.securevpc.network.SubnetTier}), deny-by-default NACLs per tier with a managed rule-number layout
 * ({@link io.securevpc.network.NaclRuleNumbers}) and a block list, flow logs, and tier security groups
 * ({@link io.securevpc.network.TierSecurityGroup}); the flow logs put to use (BP-MON-3): metric filters and alarms
 * ({@link io.securevpc.network.FlowLogAlarms}) and a dashboard per VPC ({@link io.securevpc.network.NetworkDashboard}).
 *
 * <p>Where to start: {@link io.securevpc.network.SecureVpc} and its props; other constructs depend on
 * {@link io.securevpc.network.ISecureVpc} where they need tiers, on {@code IVpc} where a VPC is enough.
 *
 * <p>Imports: the root package, {@code io.securevpc.internal} and the neutral marker package
 * ({@code io.securevpc.compliance}) only; never the rule pack ({@code io.securevpc.nag}), the gate
 * ({@code io.securevpc.gate}) or the app.
 */
package io.securevpc.network;
