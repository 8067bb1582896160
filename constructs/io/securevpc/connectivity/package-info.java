/**
 * Connectivity between VPCs and to on-premises networks (BP-MV-*): PrivateLink services and endpoints, VPC
 * peering, Transit Gateway hub and attachments, Site-to-Site VPN. Each opens only the NACL entries and routes its
 * flows need, through the {@link io.securevpc.network.ISecureVpc} methods of the VPCs it connects.
 *
 * <p>Where to start: {@link io.securevpc.connectivity.PrivateLinkService},
 * {@link io.securevpc.connectivity.VpcPeering}, {@link io.securevpc.connectivity.TransitGateway}.
 *
 * <p>Imports: the root package, {@code io.securevpc.internal}, {@code io.securevpc.network} and the neutral marker
 * package; never {@code io.securevpc.nag}, {@code io.securevpc.gate} or the app.
 */
package io.securevpc.connectivity;
