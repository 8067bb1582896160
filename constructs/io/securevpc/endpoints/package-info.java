/**
 * Private access to AWS services (BP-EP-*): gateway endpoints for S3 and DynamoDB
 * ({@link io.securevpc.endpoints.GatewayEndpoints}) and interface endpoints
 * ({@link io.securevpc.endpoints.InterfaceEndpoints}), each with a least-privilege endpoint policy
 * ({@link io.securevpc.endpoints.EndpointPolicy}) and security groups that admit only the consumers' addresses.
 *
 * <p>Imports: the root package, {@code io.securevpc.internal} and the neutral marker package
 * ({@code io.securevpc.compliance}); never {@code io.securevpc.nag}, {@code io.securevpc.gate} or the app.
 */
package io.securevpc.endpoints;
