/**
 * The library's root: the one exception type of every construct ({@link io.securevpc.BlueprintValidationException})
 * and its stable error codes ({@link io.securevpc.ErrorCode}, {@code SVPC-*}).
 *
 * <p>Start with {@link io.securevpc.network.SecureVpc}; the packages beside this one each hold one concern of the
 * blueprint (network, endpoints, connectivity, audit, detection, iam) and the gate that checks it ({@code nag},
 * {@code gate}).
 *
 * <p>Imports: nothing of the project. Every other package may import this one.
 */
package io.securevpc;
