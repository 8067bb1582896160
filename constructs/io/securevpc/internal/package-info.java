/**
 * Helpers shared by the construct packages; not API, may change in any release: problem collection
 * ({@link io.securevpc.internal.Problems}), IPv4 arithmetic ({@link io.securevpc.internal.Ipv4Cidr}), hardened
 * buckets and key policies.
 *
 * <p>Imports: the root package and the neutral marker package ({@code io.securevpc.compliance}) only — nothing
 * above it (no construct package, no {@code io.securevpc.nag}, no {@code io.securevpc.gate}).
 */
package io.securevpc.internal;
