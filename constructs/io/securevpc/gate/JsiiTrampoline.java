package io.securevpc.gate;

import java.util.function.Supplier;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.IStableAnyProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;

/**
 * Runs a piece of Java work inside a callback of its own from JavaScript, so that the calls into JavaScript it makes
 * do not deepen the JavaScript stack for the rest of the gate's validation.
 *
 * <p>CDK calls the gate's plugin back from JavaScript, and jsii's kernel host serves every request Java makes during
 * that callback one level deeper in node's stack than the previous one (its {@code completeCallback} and
 * {@code processRequest} call each other until the callback returns). The gate made about 83 requests per
 * environment in its callback (counted with {@code JSII_DEBUG=1}); at 50 environments node's stack overflowed, the
 * jsii process exited and synth failed with a {@code CircularReferenceDetected} from the half-unwound stack. Work run
 * here is one request ({@link Stack#resolve} of a {@link Lazy} whose producer is the work) at the outer level; the
 * requests the work makes are served inside the producer's callback, whose levels are given back when it returns.
 */
final class JsiiTrampoline {
    private JsiiTrampoline() {
    }

    /**
     * @param resolver any stack (its {@code resolve} calls the producer)
     * @param work the work; what it returns must be plain Java (not a JavaScript object read later)
     * @return what {@code work} returned; what it threw is thrown here
     */
    static <T> T call(final @NotNull Stack resolver, final @NotNull Supplier<T> work) {
        Object[] result = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        IStableAnyProducer producer = () -> {
            try {
                result[0] = work.get();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
            return null;
        };
        resolver.resolve(Lazy.any(producer));
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }
}
