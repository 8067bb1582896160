package io.securevpc.iam;

import io.securevpc.internal.Maps;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jetbrains.annotations.NotNull;

/**
 * One API request as IAM authorizes it: an action on one resource, with the request context (condition keys and
 * their values, e.g. {@code ec2:Vpc}, {@code aws:RequestedRegion}). Input of {@link PolicyEvaluator}.
 *
 * @param action the action, e.g. {@code ec2:AuthorizeSecurityGroupIngress}
 * @param resource the ARN of the resource authorized, or {@code *} for actions without resource-level permissions
 * @param context condition keys present in the request (keys compare case-insensitively)
 */
public record AccessRequest(String action, String resource, Map<String, String> context) {
    public AccessRequest {
        context = Map.copyOf(context);
    }

    /** @return a request with an empty context. */
    public static AccessRequest of(final @NotNull String action, final @NotNull String resource) {
        return new AccessRequest(action, resource, Maps.of());
    }

    /** @return this request with one more condition key in its context. */
    public AccessRequest with(final @NotNull String key, final @NotNull String value) {
        Map<String, String> more = new LinkedHashMap<>(context);
        more.put(key, value);
        return new AccessRequest(action, resource, more);
    }
}
