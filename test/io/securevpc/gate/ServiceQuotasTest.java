package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.nag.model.AppTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service quota the gate measures, on synthetic templates below the warning threshold, at it, exactly at the
 * quota and one above: the verdict, the measured value and the synth failure above the quota.
 */
class ServiceQuotasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A template with {@code n} uses of the quota, on one group, table, VPC, ACL, rule or stack. */
    private static ObjectNode template(final ServiceQuotas.Quota quota, final int n) {
        ObjectNode t = JSON.createObjectNode();
        ObjectNode res = t.putObject("Resources");
        switch (quota) {
            case SECURITY_GROUP_INBOUND_RULES, SECURITY_GROUP_OUTBOUND_RULES -> {
                boolean in = quota == ServiceQuotas.Quota.SECURITY_GROUP_INBOUND_RULES;
                ObjectNode sg = resource(res, "Sg", "AWS::EC2::SecurityGroup");
                ArrayNode inline = sg.putArray(in ? "SecurityGroupIngress" : "SecurityGroupEgress");
                // half inline, half as separate resources referencing the group
                for (int i = 0; i < n; i++) {
                    ObjectNode rule = i % 2 == 0 ? inline.addObject()
                            : resource(res, "Rule" + i, in ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress");
                    if (i % 2 == 1) {
                        rule.putObject("GroupId").putArray("Fn::GetAtt").add("Sg").add("GroupId");
                    }
                    rule.put("IpProtocol", "tcp").put("FromPort", 1000 + i).put("ToPort", 1000 + i)
                            .put(in ? "CidrIp" : "CidrIp", "10.0.0.0/8");
                }
            }
            case ROUTES_PER_ROUTE_TABLE -> {
                resource(res, "Table", "AWS::EC2::RouteTable");
                for (int i = 0; i < n; i++) {
                    resource(res, "Route" + i, "AWS::EC2::Route").put("DestinationCidrBlock", "10." + i + ".0.0/16")
                            .putObject("RouteTableId").put("Ref", "Table");
                }
            }
            case INTERFACE_ENDPOINTS_PER_VPC -> {
                resource(res, "Vpc", "AWS::EC2::VPC");
                for (int i = 0; i < n; i++) {
                    ObjectNode e = resource(res, "Endpoint" + i, "AWS::EC2::VPCEndpoint")
                            .put("VpcEndpointType", "Interface").put("ServiceName", "com.amazonaws.eu-west-1.s" + i);
                    e.putObject("VpcId").put("Ref", "Vpc");
                }
                // a gateway endpoint does not count
                resource(res, "Gateway", "AWS::EC2::VPCEndpoint").put("ServiceName", "com.amazonaws.eu-west-1.s3")
                        .putObject("VpcId").put("Ref", "Vpc");
            }
            case NETWORK_ACL_INBOUND_ENTRIES, NETWORK_ACL_OUTBOUND_ENTRIES -> {
                resource(res, "Acl", "AWS::EC2::NetworkAcl");
                for (int i = 0; i < n; i++) {
                    resource(res, "Entry" + i, "AWS::EC2::NetworkAclEntry").put("RuleNumber", 100 + i)
                            .put("Egress", quota == ServiceQuotas.Quota.NETWORK_ACL_OUTBOUND_ENTRIES)
                            .putObject("NetworkAclId").put("Ref", "Acl");
                }
            }
            case TARGETS_PER_EVENT_RULE -> {
                ArrayNode targets = resource(res, "Rule", "AWS::Events::Rule").putArray("Targets");
                for (int i = 0; i < n; i++) {
                    targets.addObject().put("Id", "Target" + i).put("Arn", "arn:aws:sns:eu-west-1:111111111111:t" + i);
                }
            }
            case SECURITY_GROUPS_PER_NETWORK_INTERFACE -> {
                ArrayNode groups = resource(res, "Endpoint", "AWS::EC2::VPCEndpoint").put("VpcEndpointType", "Interface")
                        .put("ServiceName", "com.amazonaws.eu-west-1.kms").putArray("SecurityGroupIds");
                for (int i = 0; i < n; i++) {
                    groups.add("sg-0" + String.format("%016x", i));
                }
            }
            case SSM_DOCUMENT_BYTES -> {
                // {"d":"xx..."} is 8 characters around the value
                resource(res, "Document", "AWS::SSM::Document").put("DocumentType", "Automation")
                        .putObject("Content").put("d", "x".repeat(n - 8));
            }
            case OUTPUTS_PER_STACK -> {
                resource(res, "Handle", "AWS::CloudFormation::WaitConditionHandle");
                ObjectNode outputs = t.putObject("Outputs");
                for (int i = 0; i < n; i++) {
                    outputs.putObject("Out" + i).put("Value", "v" + i);
                }
            }
            case PARAMETERS_PER_STACK -> {
                resource(res, "Handle", "AWS::CloudFormation::WaitConditionHandle");
                ObjectNode parameters = t.putObject("Parameters");
                for (int i = 0; i < n; i++) {
                    parameters.putObject("P" + i).put("Type", "String");
                }
            }
            default -> throw new IllegalArgumentException(quota.name());
        }
        return t;
    }

    private static ObjectNode resource(final ObjectNode resources, final String id, final String type) {
        ObjectNode r = resources.putObject(id);
        r.put("Type", type);
        return r.putObject("Properties");
    }

    private static List<ServiceQuotas.Usage> measure(final ObjectNode template) throws IOException {
        Path file = Files.createTempFile("quota", ".template.json");
        JSON.writeValue(file.toFile(), template);
        return ServiceQuotas.measure(AppTemplates.of(Maps.of("Quota", file)));
    }

    private static ServiceQuotas.Usage usageOf(final ServiceQuotas.Quota quota, final int n) throws IOException {
        List<ServiceQuotas.Usage> usages = measure(template(quota, n)).stream().filter(u -> u.quota() == quota).toList();
        assertEquals(1, usages.size(), quota + ": " + usages);
        return usages.get(0);
    }

    static Stream<Arguments> quotas() {
        return Stream.of(ServiceQuotas.Quota.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotas")
    void belowEightyPercentIsOk(final ServiceQuotas.Quota quota) throws IOException {
        int below = (quota.limit() * ServiceQuotas.WARNING_PERCENT + 99) / 100 - 1;
        ServiceQuotas.Usage u = usageOf(quota, below);

        assertEquals(below, u.used());
        assertEquals("OK", u.verdict());
        assertDoesNotThrow(() -> ServiceQuotas.check(List.of(u)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotas")
    void fromEightyPercentToTheQuotaIsAWarningThatPassesSynth(final ServiceQuotas.Quota quota) throws IOException {
        int threshold = (quota.limit() * ServiceQuotas.WARNING_PERCENT + 99) / 100;
        for (int n : List.of(threshold, quota.limit())) {
            ServiceQuotas.Usage u = usageOf(quota, n);

            assertEquals(n, u.used());
            assertEquals("NEAR_LIMIT", u.verdict(), quota + " at " + n);
            assertDoesNotThrow(() -> ServiceQuotas.check(List.of(u)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotas")
    void aboveTheQuotaFailsSynthNamingTheResourceTheCountAndTheQuota(final ServiceQuotas.Quota quota)
            throws IOException {
        ServiceQuotas.Usage u = usageOf(quota, quota.limit() + 1);

        assertEquals("OVER_LIMIT", u.verdict());
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> ServiceQuotas.check(List.of(u)));
        assertEquals(List.of(ErrorCode.STACK_LIMITS), e.getCodes());
        assertTrue(e.getMessage().contains("[SVPC-021] " + u.path() + " " + quota.description() + " = "
                + (quota.limit() + 1) + ": at most " + quota.limit() + " (AWS's default quota"), e.getMessage());
    }

    @Test
    void aRuleNamingACustomerManagedPrefixListCountsItsMaxEntries() throws IOException {
        ObjectNode t = JSON.createObjectNode();
        ObjectNode res = t.putObject("Resources");
        resource(res, "List", "AWS::EC2::PrefixList").put("MaxEntries", 45).put("AddressFamily", "IPv4");
        ObjectNode sg = resource(res, "Sg", "AWS::EC2::SecurityGroup");
        sg.putArray("SecurityGroupIngress").addObject().put("IpProtocol", "tcp").put("FromPort", 443)
                .put("ToPort", 443).putObject("SourcePrefixListId").putArray("Fn::GetAtt").add("List").add("PrefixListId");
        // an AWS-managed list (the S3 gateway list) weighs one
        sg.putArray("SecurityGroupEgress").addObject().put("IpProtocol", "tcp").put("FromPort", 443)
                .put("ToPort", 443).put("DestinationPrefixListId", "pl-6da54004");
        resource(res, "Extra", "AWS::EC2::SecurityGroupIngress").put("IpProtocol", "tcp").put("FromPort", 22)
                .put("ToPort", 22).put("CidrIp", "10.0.0.0/8").putObject("GroupId").put("Ref", "Sg");

        Map<ServiceQuotas.Quota, Integer> used = new java.util.EnumMap<>(ServiceQuotas.Quota.class);
        measure(t).forEach(u -> used.put(u.quota(), u.used()));

        assertEquals(46, used.get(ServiceQuotas.Quota.SECURITY_GROUP_INBOUND_RULES));
        assertEquals(1, used.get(ServiceQuotas.Quota.SECURITY_GROUP_OUTBOUND_RULES));
    }

    @Test
    void theGroupsOfEveryKindOfInterfaceAreCountedPerInterface() throws IOException {
        ObjectNode t = JSON.createObjectNode();
        ObjectNode res = t.putObject("Resources");
        ObjectNode data = resource(res, "Template", "AWS::EC2::LaunchTemplate").putObject("LaunchTemplateData");
        ArrayNode interfaces = data.putArray("NetworkInterfaces");
        interfaces.addObject().putArray("Groups").add("sg-1").add("sg-2");
        interfaces.addObject().putArray("Groups").add("sg-1").add("sg-2").add("sg-3").add("sg-4").add("sg-5").add("sg-6");
        resource(res, "Function", "AWS::Lambda::Function").putObject("VpcConfig").putArray("SecurityGroupIds")
                .add("sg-1").add("sg-2");
        resource(res, "Instance", "AWS::EC2::Instance").putArray("SecurityGroupIds").add("sg-1");

        Map<String, Integer> used = new java.util.TreeMap<>();
        measure(t).stream().filter(u -> u.quota() == ServiceQuotas.Quota.SECURITY_GROUPS_PER_NETWORK_INTERFACE)
                .forEach(u -> used.put(u.path(), u.used()));

        assertEquals(Map.of("Quota/Function", 2, "Quota/Instance", 1, "Quota/Template", 6), used,
                "the launch template's busiest interface");
    }

    @Test
    void theReportListsEveryMeasuredUseWithItsLimitAndVerdict() throws IOException {
        List<ServiceQuotas.Usage> usages = measure(template(ServiceQuotas.Quota.TARGETS_PER_EVENT_RULE, 4));

        Object limits = ComplianceReport.of(List.of(), List.of(), List.of(), usages).json().get("limits");

        assertEquals(List.of(Maps.of("quota", "TARGETS_PER_EVENT_RULE", "path", "Quota/Rule", "used", 4, "limit", 5,
                "verdict", "NEAR_LIMIT"), Maps.of("quota", "OUTPUTS_PER_STACK", "path", "Quota", "used", 0,
                "limit", 200, "verdict", "OK"), Maps.of("quota", "PARAMETERS_PER_STACK", "path", "Quota", "used", 0,
                "limit", 200, "verdict", "OK")), limits);
    }

    /** Through the gate: a rule with six targets fails synth, and the report written beside it has the measured use. */
    @Test
    void theGateFailsSynthAboveAQuotaAndReportsTheMeasuredUse() throws IOException {
        Path outdir = Files.createTempDirectory("quota-gate");
        software.amazon.awscdk.App app = software.amazon.awscdk.App.Builder.create().outdir(outdir.toString()).build();
        software.amazon.awscdk.Stack stack = new software.amazon.awscdk.Stack(app, "Events");
        List<software.amazon.awscdk.services.events.CfnRule.TargetProperty> targets = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            targets.add(software.amazon.awscdk.services.events.CfnRule.TargetProperty.builder().id("T" + i)
                    .arn("arn:aws:sns:eu-west-1:111111111111:t" + i).build());
        }
        software.amazon.awscdk.services.events.CfnRule.Builder.create(stack, "Rule")
                .eventPattern(Maps.of("source", List.of("aws.ec2"))).targets(targets).build();
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE)
                .cloudFormationValidation(false).verdictStream(null).build(app);

        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> gate.synth(app));

        assertTrue(e.getMessage().contains("[SVPC-021] Events/Rule targets per EventBridge rule = 6: at most 5"),
                e.getMessage());
        assertTrue(Files.readString(outdir.resolve(ComplianceReport.JSON_FILE)).contains("\"quota\" : "
                + "\"TARGETS_PER_EVENT_RULE\",\n    \"path\" : \"Events/Rule\",\n    \"used\" : 6,\n    \"limit\" : 5,\n"
                + "    \"verdict\" : \"OVER_LIMIT\""));
    }
}
