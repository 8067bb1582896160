package io.securevpc.nag.rules;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * A rule of the project's pack: a pure function of one synthesized resource plus the whole app's templates
 * (for what lives elsewhere: the NACL of an entry, the flow log of a VPC in another stack). Its id, message,
 * best-practice ids and level live in the pack's table ({@link io.securevpc.nag.BlueprintChecks}).
 */
public interface BlueprintRule {
    /** @return the CloudFormation types this rule applies to; the pack calls it for no other resource. */
    @NotNull Set<String> resourceTypes();

    /** @return the verdict on {@code resource}; never throws on intrinsic values. */
    @NotNull RuleResult check(@NotNull TemplateResource resource, @NotNull AppTemplates app);
}
