/**
 * What a rule of the BlueprintChecks pack is: {@link io.securevpc.nag.rules.BlueprintRule}, a pure function of
 * one synthesized resource and the app's templates, returning a {@link io.securevpc.nag.rules.RuleResult} of
 * {@link io.securevpc.nag.rules.Finding}s; and the helpers rules share ({@code Sg}, {@code Nacl}, {@code Routing},
 * {@code Net}). The rules themselves live in {@code nag.rules.<service>}.
 *
 * <p>May import {@code io.securevpc.nag.model}, {@code io.securevpc.compliance} (markers), {@code io.securevpc.internal}
 * and the root package; never {@code io.securevpc.nag} (the pack and its table), {@code gate} or {@code app}.
 */
package io.securevpc.nag.rules;
