package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The stack size guard: no synthesized stack may cross CloudFormation's per-stack limits, 500 resources and a
 * 1 MB template. Not API.
 *
 * <p>CDK itself fails synth above 500 resources only while the context key
 * {@code @aws-cdk/core:stackResourceLimit} is unset (the key can raise or disable it), and only warns about the
 * template size. This guard applies both limits unconditionally, to the templates exactly as written to the cloud
 * assembly, and reads them in Java: no jsii round trip per resource.
 *
 * <pre>
 * StackLimits.check(app.synth());   // throws BlueprintValidationException [SVPC-021] naming every stack over a limit
 * </pre>
 */
public final class StackLimits {
    /** CloudFormation's maximum number of resources per stack. */
    public static final int MAX_RESOURCES = 500;
    /** CloudFormation's maximum template body size uploaded through S3, in bytes (the bound CDK uses). */
    public static final long MAX_TEMPLATE_BYTES = 1_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StackLimits() {
    }

    /**
     * One stack's use of the limits.
     *
     * @param stackName the CloudFormation stack name
     * @param resources the number of entries in the template's {@code Resources}
     * @param templateBytes the template's size in bytes, as written to the cloud assembly
     */
    public record Usage(String stackName, int resources, long templateBytes) {
        public boolean withinLimits() {
            return resources <= MAX_RESOURCES && templateBytes <= MAX_TEMPLATE_BYTES;
        }
    }

    /** @return the usage of every stack of the assembly, nested assemblies (stages) included. */
    public static @NotNull List<Usage> measure(final @NotNull CloudAssembly assembly) {
        List<Usage> result = new ArrayList<>();
        for (CloudFormationStackArtifact stack : assembly.getStacksRecursively()) {
            result.add(measure(stack.getStackName(), Paths.get(stack.getTemplateFullPath())));
        }
        return List.copyOf(result);
    }

    /** @return the usage of one template file. */
    public static @NotNull Usage measure(final @NotNull String stackName, final @NotNull Path template) {
        try {
            JsonNode resources = JSON.readTree(template.toFile()).path("Resources");
            return new Usage(stackName, resources.size(), Files.size(template));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template of stack " + stackName + ": " + template, e);
        }
    }

    /** @return the stack with the most resources, if any (ties: the larger template). */
    public static @NotNull Optional<Usage> largest(final @NotNull List<Usage> usages) {
        return usages.stream().max(Comparator.comparingInt(Usage::resources).thenComparingLong(Usage::templateBytes));
    }

    /**
     * Fails when any stack of the assembly is over a limit, naming every such stack, its count or size and the
     * limit.
     *
     * @return the assembly, for chaining after {@code app.synth()}
     */
    public static @NotNull CloudAssembly check(final @NotNull CloudAssembly assembly) {
        check(measure(assembly));
        return assembly;
    }

    /** Fails when any of the usages is over a limit. */
    public static void check(final @NotNull List<Usage> usages) {
        Problems problems = new Problems();
        for (Usage u : usages) {
            if (u.resources() > MAX_RESOURCES) {
                problems.add(ErrorCode.STACK_LIMITS, "stack " + u.stackName() + " resources", u.resources(),
                        "at most " + MAX_RESOURCES + " resources per CloudFormation stack; move some environments "
                                + "or constructs into another stack");
            }
            if (u.templateBytes() > MAX_TEMPLATE_BYTES) {
                problems.add(ErrorCode.STACK_LIMITS, "stack " + u.stackName() + " template bytes", u.templateBytes(),
                        "at most " + MAX_TEMPLATE_BYTES + " bytes (1 MB) per CloudFormation template; split the "
                                + "stack or set suppressTemplateIndentation");
            }
        }
        problems.throwIfAny("the synthesized stacks (CloudFormation limits)");
    }
}
