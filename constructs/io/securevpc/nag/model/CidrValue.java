package io.securevpc.nag.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A CIDR property as far as synth knows it: a literal, or the range of a VPC or subnet of the app (e.g. the
 * Amazon-provided IPv6 block {@code Fn::Select [0, Fn::GetAtt [Vpc, Ipv6CidrBlocks]]}), which is never the
 * whole internet even though its value is only known at deploy time, or unknown.
 */
public record CidrValue(@Nullable String literal, @Nullable String ownRange, @NotNull JsonNode raw) {
    /** Prefix length AWS gives a VPC's Amazon-provided IPv6 block (and the upper bound for a subnet's /64). */
    public static final int VPC_IPV6_PREFIX = 56;

    /** @return whether synth knows enough to check the value. */
    public boolean isKnown() {
        return literal != null || ownRange != null;
    }

    public boolean isWorld() {
        return "0.0.0.0/0".equals(literal) || "::/0".equals(literal);
    }

    /** @return the prefix length when known (the IPv6 block of a VPC counts as /56). */
    public @NotNull Optional<Integer> prefix() {
        if (literal != null) {
            int slash = literal.indexOf('/');
            try {
                return slash < 0 ? Optional.empty() : Optional.of(Integer.parseInt(literal.substring(slash + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return ownRange != null ? Optional.of(VPC_IPV6_PREFIX) : Optional.empty();
    }

    public boolean isIpv6() {
        return literal != null ? literal.contains(":") : ownRange != null;
    }

    /** @return the literal, or a description of the range, for messages and finding ids. */
    public @NotNull String display() {
        return literal != null ? literal : ownRange != null ? ownRange : AppTemplates.render(raw);
    }
}
