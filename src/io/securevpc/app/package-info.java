/**
 * The deployable app ({@link io.securevpc.app.BlueprintApp}, run by {@code cdk synth}): reads its configuration from
 * {@code cdk.json}'s context and composes the library into network, connectivity, audit and detection stacks per
 * environment and per account and region, all checked by the compliance gate.
 *
 * <p>Not part of the library artifact: nothing in {@code constructs/} may import this package.
 */
package io.securevpc.app;
