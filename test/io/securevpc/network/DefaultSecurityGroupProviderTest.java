package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * The findings on aws-cdk-lib's restrict-default-security-group provider are acknowledged per resource and rule,
 * once per stack although every VPC of the stack shares the provider.
 */
class DefaultSecurityGroupProviderTest {
    private static List<String> acknowledged(final IConstruct construct) {
        List<String> ids = new ArrayList<>();
        for (MetadataEntry entry : construct.getNode().getMetadata()) {
            if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())) {
                ((Map<?, ?>) entry.getData()).keySet()
                        .forEach(k -> ids.add(String.valueOf(k).replaceFirst("(?i)^annotation::", "")));
            }
        }
        ids.sort(null);
        return ids;
    }

    @Test
    void acknowledgesTheSharedProviderOncePerStackPerResourceAndRule() {
        Stack stack = new Stack(new App(), "Test");
        new SecureVpc(stack, "First", null);
        new SecureVpc(stack, "Second", null);
        IConstruct provider = stack.getNode().findChild(DefaultSecurityGroupProvider.PROVIDER_ID);

        assertEquals(List.of("HIPAA.Security-LambdaConcurrency", "HIPAA.Security-LambdaDLQ",
                "HIPAA.Security-LambdaInsideVPC", "NIST.800.53.R4-LambdaInsideVPC", "NIST.800.53.R5-LambdaConcurrency",
                "NIST.800.53.R5-LambdaDLQ", "NIST.800.53.R5-LambdaInsideVPC", "PCI.DSS.321-LambdaInsideVPC",
                "Serverless-LambdaDLQ", "Serverless-LambdaTracing"),
                acknowledged(provider.getNode().findChild("Handler")));
        assertEquals(List.of(DefaultSecurityGroupProvider.BASIC_EXECUTION_FINDING, "HIPAA.Security-IAMNoInlinePolicy",
                "NIST.800.53.R4-IAMNoInlinePolicy", "NIST.800.53.R5-IAMNoInlinePolicy", "PCI.DSS.321-IAMNoInlinePolicy"),
                acknowledged(provider.getNode().findChild("Role")));
    }
}
