package io.securevpc.app;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The app's configuration is invalid: thrown once, before anything is built, listing every problem of the
 * {@code blueprint} context, each with a stable {@link AppErrorCode}, the JSON path of the key, the value given and
 * what is allowed.
 */
public final class AppConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public AppConfigException(final List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in the order of the configuration's keys. */
    public List<Problem> getProblems() {
        return problems;
    }

    /** @return the codes of every problem found (stable; safe to match on in tests and tooling). */
    public List<AppErrorCode> getCodes() {
        return problems.stream().map(Problem::code).collect(Collectors.toList());
    }

    private static String format(final List<Problem> problems) {
        String header = "Invalid app configuration (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "):";
        return problems.stream().map(p -> "\n  - " + p.render()).collect(Collectors.joining("", header, ""));
    }

    /**
     * One invalid value.
     *
     * @param code stable error code
     * @param path the key's JSON path in the context, e.g. {@code blueprint.environments[1].availabilityZones}
     * @param value the value given, rendered as text ({@code (unset)} when missing)
     * @param allowed what is allowed and, where useful, how to fix it
     */
    public record Problem(AppErrorCode code, String path, String value, String allowed) {
        /** @return the problem as one line: {@code [SVPC-020] path = value: allowed}. */
        public String render() {
            return "[" + code.id() + "] " + path + " = " + value + ": " + allowed;
        }
    }
}
