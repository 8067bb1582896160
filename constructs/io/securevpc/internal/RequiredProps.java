package io.securevpc.internal;

import io.securevpc.ErrorCode;

/**
 * Checks at a props builder's {@code build()} that every required prop was set: each missing one is a
 * {@link ErrorCode#CONFLICTING_PROPS} problem naming the prop, all thrown at once in one
 * {@link io.securevpc.BlueprintValidationException}. Not API.
 */
public final class RequiredProps {
    private final String owner;
    private final Problems problems = new Problems();

    private RequiredProps(final String owner) {
        this.owner = owner;
    }

    /** @param owner the props class, e.g. {@code "SiteToSiteVpnProps"}, named in the message */
    public static RequiredProps of(final String owner) {
        return new RequiredProps(owner);
    }

    /** Records a problem when {@code value} is {@code null}. */
    public RequiredProps require(final String prop, final Object value) {
        if (value == null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, prop, null, "a value: " + prop + " is required");
        }
        return this;
    }

    /** Throws every missing prop, if any. */
    public void check() {
        problems.throwIfAny(owner);
    }
}
