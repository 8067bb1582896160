package io.securevpc.internal;

import io.securevpc.ErrorCode;
import java.util.Collection;

/**
 * Checks at a props builder's {@code build()} (or a value class's factory) that every required prop was set and
 * that no list holds a {@code null}: each missing one is a {@link ErrorCode#CONFLICTING_PROPS} problem naming
 * the prop (and the element's index), all thrown at once in one {@link io.securevpc.BlueprintValidationException}.
 * Not API.
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

    /**
     * Records a problem for every {@code null} element of a list (unset lists are fine: {@link #require} those that
     * are required), so that {@code List.copyOf} never meets one.
     */
    public RequiredProps elements(final String prop, final Collection<?> list) {
        if (list == null) {
            return this;
        }
        int i = -1;
        for (Object element : list) {
            i++;
            if (element == null) {
                problems.add(ErrorCode.CONFLICTING_PROPS, prop + "[" + i + "]", null,
                        "a value: the elements of " + prop + " cannot be null");
            }
        }
        return this;
    }

    /** Records a problem when a required list is {@code null} or holds a {@code null}. */
    public RequiredProps list(final String prop, final Collection<?> list) {
        return require(prop, list).elements(prop, list);
    }

    /** Records a problem for every {@code null} element of an array (a varargs parameter). */
    public RequiredProps elements(final String prop, final Object[] array) {
        if (array == null) {
            return require(prop, null);
        }
        return elements(prop, java.util.Arrays.asList(array));
    }

    /** Throws every missing prop, if any. */
    public void check() {
        problems.throwIfAny(owner);
    }
}
