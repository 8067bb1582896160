/**
 * The synthesized templates as plain data, read once per validation with Jackson so that rules never call into
 * the CDK's JavaScript: {@link io.securevpc.nag.model.AppTemplates} (the whole app, from the cloud assembly),
 * {@link io.securevpc.nag.model.StackTemplate}, {@link io.securevpc.nag.model.TemplateResource} (a resource with
 * its construct path, intrinsics resolved where synth can) and {@link io.securevpc.nag.model.CidrValue}.
 *
 * <p>Start with {@code AppTemplates}. May import {@code io.securevpc.compliance}, {@code io.securevpc.internal} and
 * the root package; never {@code nag.rules}, {@code nag}, {@code gate} or {@code app}.
 */
package io.securevpc.nag.model;
