package io.securevpc;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception type of the library: thrown at synth time, from a construct's constructor, when its
 * props are invalid. Every problem of one props object is collected and reported together, each with a
 * stable {@link ErrorCode}, the prop, the value given and what is allowed.
 */
public final class BlueprintValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public BlueprintValidationException(final String scope, final List<Problem> problems) {
        super(format(scope, problems));
        this.problems = List.copyOf(problems);
    }

    /** As {@link #BlueprintValidationException(String, List)}, for a problem caused by another (e.g. an I/O error). */
    public BlueprintValidationException(final String scope, final List<Problem> problems, final Throwable cause) {
        super(format(scope, problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in the order they were found. */
    public List<Problem> getProblems() {
        return problems;
    }

    /** @return the codes of every problem found (stable; safe to match on in tests and tooling). */
    public List<ErrorCode> getCodes() {
        return problems.stream().map(Problem::code).collect(Collectors.toList());
    }

    private static String format(final String scope, final List<Problem> problems) {
        String header = "Invalid configuration of " + scope + " (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "):";
        return problems.stream().map(p -> "\n  - " + p.render()).collect(Collectors.joining("", header, ""));
    }

    /**
     * One invalid prop value.
     *
     * @param code stable error code
     * @param prop the prop, as named in the props builder (e.g. {@code tiers[1].cidrMask})
     * @param value the value given, rendered as text
     * @param allowed what is allowed and, where useful, how to fix it
     */
    public record Problem(ErrorCode code, String prop, String value, String allowed) {
        /** @return the problem as one line: {@code [SVPC-001] prop = value: allowed}. */
        public String render() {
            return "[" + code.id() + "] " + prop + " = " + value + ": " + allowed;
        }
    }
}
