package io.securevpc.gate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.endpoints.GatewayEndpoints;
import io.securevpc.endpoints.GatewayEndpointsProps;
import io.securevpc.endpoints.InterfaceEndpoints;
import io.securevpc.endpoints.InterfaceEndpointsProps;
import io.securevpc.gate.ComplianceGate;
import io.securevpc.network.NatStrategy;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import io.securevpc.network.SubnetTier;
import io.securevpc.network.TierKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;

/**
 * The synth report through the gate: the cheapest change it names keeps the gate's verdict; every stock rule with a
 * finding has its controls in the table; a report it cannot write.
 */
class GateSynthReportTest {
    private static final List<String> AZS = List.of("eu-west-1a", "eu-west-1b");

    private static Synth perAzSynth;

    /** The per-AZ synth, shared by the read-only tests. */
    private static synchronized Synth perAz() throws IOException {
        if (perAzSynth == null) {
            perAzSynth = synth(NatStrategy.PER_AZ, false);
        }
        return perAzSynth;
    }

    @Test
    void everyStockRuleWithAFindingIsInTheControlTableAndTheControlsSectionShowsAllFourFrameworks() throws IOException {
        Synth perAz = perAz();

        List<String> stock = perAz.rules().stream().map(r -> r.split(" ")[1])
                .filter(r -> StockRules.get().packs().containsKey(r.substring(0, r.indexOf('-')))).toList();
        assertTrue(stock.stream().anyMatch(r -> r.startsWith("NIST.800.53.R5-S3")) && stock.stream()
                .anyMatch(r -> r.startsWith("PCI.DSS.321-S3")), perAz.rules().toString());
        stock.forEach(r -> assertTrue(StockRules.get().rule(r) != null, r + " is not in " + StockRules.RESOURCE));
        assertTrue(perAz.data().contains("\"unmappedStockRules\" : [ ]"), "no stock finding left unmapped");
        // the bucket fails the S3 rules' controls; the VPC passes the flow-log rule's (the blueprint logs its flows)
        assertTrue(perAz.markdown().contains("| NIST.800.53.R5-S3BucketLoggingEnabled | FAIL (1): Net/PlainBucket |"),
                perAz.markdown());
        assertTrue(perAz.markdown().contains("| NIST.800.53.R5-VPCFlowLogsEnabled | PASS (1): Net/Network/Vpc/Resource |"));
        for (String pack : List.of("BlueprintChecks", "NIST.800.53.R4", "NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321")) {
            assertTrue(perAz.markdown().matches("(?s).*\\| [^|\n]+ \\| " + java.util.regex.Pattern.quote(pack)
                    + " \\| \\d+ \\| [1-9]\\d* \\|.*"), pack + " has checked controls");
        }
    }

    @Test
    void oneNatGatewayInsteadOfOnePerAzChangesNoFindingOfAnyPack() throws IOException {
        Synth perAz = perAz();
        Synth single = synth(NatStrategy.SINGLE, false);

        assertTrue(perAz.markdown().contains("**Cheapest change:** One NAT gateway instead of 2 (natStrategy SINGLE)"),
                perAz.markdown());
        assertEquals(perAz.rules(), single.rules(), "the findings of every pack, by rule, with one NAT gateway per AZ and "
                + "with one NAT gateway");
        java.util.Set<String> added = new TreeSet<>(single.findings());
        added.removeAll(perAz.findings());
        assertEquals(java.util.Set.of(), added, "no finding on any resource appears with one NAT gateway");
        assertTrue(!single.markdown().isEmpty() && !single.markdown().contains("Cheapest change"), single.markdown());
    }

    @Test
    void droppingAnS3InterfaceEndpointBesideTheGatewayEndpointChangesNoFindingOfAnyPack() throws IOException {
        Synth both = synth(NatStrategy.SINGLE, false, true);
        Synth gatewayOnly = synth(NatStrategy.SINGLE, false, false);

        assertTrue(both.markdown().contains("**Cheapest change:** Dropping the s3 interface endpoint Net/Interface/"),
                both.markdown());
        assertEquals(both.rules(), gatewayOnly.rules(), "the findings of every pack, by rule, with and without the S3 "
                + "interface endpoint");
        java.util.Set<String> added = new TreeSet<>(gatewayOnly.findings());
        added.removeAll(both.findings());
        assertEquals(java.util.Set.of(), added, "no finding on any resource appears when the S3 interface endpoint goes");
        assertTrue(!gatewayOnly.markdown().isEmpty() && !gatewayOnly.markdown().contains("Cheapest change"),
                gatewayOnly.markdown());
    }

    @Test
    void aReportThatCannotBeWrittenIsNamedOnTheGatesLineAndSynthGoesOn() throws IOException {
        Synth blocked = synth(NatStrategy.SINGLE, true);

        assertTrue(blocked.gateOutput().contains("[compliance-gate] report: ") && blocked.gateOutput()
                .contains("synth report not written: ") && blocked.gateOutput().contains("SVPC-023"), blocked.gateOutput());
    }

    /** @param findings every finding: pack, rule, severity and construct path */
    private record Synth(String markdown, TreeSet<String> rules, String gateOutput, String data, TreeSet<String> findings) {
    }

    private static Synth synth(final NatStrategy nat, final boolean blockReport) throws IOException {
        return synth(nat, blockReport, null);
    }

    /**
     * @param s3Interface {@code null}: no endpoints; else the S3 gateway endpoint and an SSM interface endpoint, with
     *     ({@code true}) or without an S3 interface endpoint
     */
    @SuppressWarnings("unchecked")
    private static Synth synth(final NatStrategy nat, final boolean blockReport, final Boolean s3Interface)
            throws IOException {
        Path outdir = Files.createTempDirectory("gate-synth-report-");
        if (blockReport) {
            Files.writeString(outdir.resolve(SynthReport.DIRECTORY), "a file where the report's directory goes");
        }
        App app = App.Builder.create().outdir(outdir.toString()).context(Map.of(
                "availability-zones:account=111111111111:region=eu-west-1", AZS)).build();
        Stack stack = new Stack(app, "Net", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        List<SubnetTier> tiers = new java.util.ArrayList<>(List.of(SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS)
                .cidrMask(22).build(), SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build()));
        if (s3Interface != null) {
            tiers.add(SubnetTier.builder("endpoints", TierKind.ISOLATED).cidrMask(26).build());
        }
        SecureVpc vpc = new SecureVpc(stack, "Network", SecureVpcProps.builder().cidr("10.30.0.0/16").availabilityZones(AZS)
                .tiers(tiers).natStrategy(nat).build());
        if (s3Interface != null) {
            new GatewayEndpoints(stack, "Gateway", GatewayEndpointsProps.builder().vpc(vpc.getVpc()).build());
            new InterfaceEndpoints(stack, "Interface", InterfaceEndpointsProps.builder().vpc(vpc.getVpc())
                    .services(s3Interface ? List.of(InterfaceVpcEndpointAwsService.S3, InterfaceVpcEndpointAwsService.SSM)
                            : List.of(InterfaceVpcEndpointAwsService.SSM))
                    .consumerCidrs(vpc.tierCidrs("app")).build());
        }
        // a bucket with nothing set: findings of every stock pack, for the control mapping
        new software.amazon.awscdk.services.s3.CfnBucket(stack, "PlainBucket");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.ALL).cloudFormationValidation(false)
                .verdictStream(new PrintStream(out, true, StandardCharsets.UTF_8)).build(app);
        try {
            gate.synth(app);
        } catch (RuntimeException e) {
            // the audit baseline is not in this app: BlueprintChecks fails it, the same way for both NAT strategies
        }
        TreeSet<String> rules = new TreeSet<>();
        TreeSet<String> findings = new TreeSet<>();
        ((List<Map<String, Object>>) gate.report().json().get("findings")).forEach(f -> {
            rules.add(f.get("pack") + " " + f.get("rule") + " " + f.get("severity"));
            findings.add(f.get("pack") + " " + f.get("rule") + " " + f.get("severity") + " " + f.get("path"));
        });
        Path md = outdir.resolve(SynthReport.DIRECTORY).resolve(SynthReport.MARKDOWN_FILE);
        Path data = outdir.resolve(SynthReport.DIRECTORY).resolve(SynthReport.DATA_FILE);
        return new Synth(Files.isRegularFile(md) ? Files.readString(md) : "", rules, out.toString(StandardCharsets.UTF_8),
                Files.isRegularFile(data) ? Files.readString(data) : "", findings);
    }
}
