package io.securevpc.corpus;

import java.util.function.BiConsumer;
import software.amazon.awscdk.Stack;

/**
 * One consumer app of the corpus: {@code build} writes it into a stack, seeding the violation when {@code violating}
 * is true and writing the compliant twin (the same app, differing in that one point) when it is false.
 *
 * @param name a stack-id-safe name
 * @param rule the BlueprintChecks rule (class name) the violation must trip
 * @param guidance the BP-* ids the violation breaks
 */
public record CorpusCase(String name, String rule, String guidance, BiConsumer<Stack, Boolean> build) {
    public static CorpusCase of(final String name, final String rule, final String guidance,
                                final BiConsumer<Stack, Boolean> build) {
        return new CorpusCase(name, rule, guidance, build);
    }
}
