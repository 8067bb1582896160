package io.securevpc.gate;

import org.jetbrains.annotations.NotNull;

/**
 * What the gate's cache of findings per template did at a synth ({@link ComplianceGate#getCacheStats()}). A check is
 * one stack's stock packs, or its CloudFormation validation.
 *
 * @param hits checks whose findings came from the cache
 * @param misses checks that ran (no entry, a changed key, or an entry rejected)
 * @param rejected entries ignored because they could not be trusted (corrupted, truncated, of another key)
 * @param writeFailures entries that could not be written (the check ran; only time is lost)
 */
public record CacheStats(int hits, int misses, int rejected, int writeFailures) {
    /** @return e.g. {@code 3 of 4 checks reused}. */
    public @NotNull String render() {
        return hits + " of " + (hits + misses) + " checks reused" + (rejected > 0 ? ", " + rejected
                + " entries rejected" : "") + (writeFailures > 0 ? ", " + writeFailures + " not written" : "");
    }
}
