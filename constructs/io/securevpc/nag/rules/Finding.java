package io.securevpc.nag.rules;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One reason a resource fails a rule. {@code id} becomes the granular part of the rule id
 * ({@code BlueprintChecks-Rule[id]}), so one finding can be acknowledged without hiding the others; a
 * {@code null} id means the resource as a whole. A "cannot check" finding says that a value the rule needs is
 * an intrinsic that cannot be resolved at synth (a parameter, an import from outside the app): the rule fails
 * closed, and the message names the value.
 */
public record Finding(@Nullable String id, @NotNull String message, boolean cannotCheck) {
    /** Prefix of the id of every "cannot check" finding. */
    public static final String CANNOT_CHECK = "CannotCheck-";

    public static @NotNull Finding of(final @Nullable String id, final @NotNull String message) {
        return new Finding(id, message, false);
    }

    /** @param property the property (or path) whose value is unresolved, e.g. {@code CidrIp} */
    public static @NotNull Finding cannotCheck(final @NotNull String property, final @NotNull String rendered) {
        return new Finding(CANNOT_CHECK + property.replaceAll("[^A-Za-z0-9.:/-]", ""),
                "Cannot check: " + property + " is an intrinsic value that cannot be resolved at synth (" + rendered
                        + "). Make it a literal, or acknowledge this finding with the reason it is safe.", true);
    }
}
