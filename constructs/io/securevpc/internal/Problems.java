package io.securevpc.internal;

import io.securevpc.BlueprintValidationException;
import io.securevpc.BlueprintValidationException.Problem;
import io.securevpc.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects the problems of one props object, then throws them all at once. Not API. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public Problems add(final ErrorCode code, final String prop, final Object value, final String allowed) {
        found.add(new Problem(code, prop, render(value), allowed));
        return this;
    }

    public int size() {
        return found.size();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws every collected problem, if there is any. */
    public void throwIfAny(final String scope) {
        if (!found.isEmpty()) {
            throw new BlueprintValidationException(scope, found);
        }
    }

    /**
     * Throws every collected problem, if there is any, naming the scope only then: a construct's path costs two
     * round trips to CDK's JavaScript process, which valid props should not pay.
     */
    public void throwIfAny(final Supplier<String> scope) {
        if (!found.isEmpty()) {
            throw new BlueprintValidationException(scope.get(), found);
        }
    }

    private static String render(final Object value) {
        if (value == null) {
            return "(unset)";
        }
        if (value instanceof CharSequence) {
            return "'" + value + "'";
        }
        return String.valueOf(value);
    }
}
