package io.securevpc.gate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(!single.markdown().isEmpty() && !single.markdown().contains("Cheapest change"), single.markdown());
    }

    @Test
    void aReportThatCannotBeWrittenIsNamedOnTheGatesLineAndSynthGoesOn() throws IOException {
        Synth blocked = synth(NatStrategy.SINGLE, true);

        assertTrue(blocked.gateOutput().contains("[compliance-gate] report: ") && blocked.gateOutput()
                .contains("synth report not written: ") && blocked.gateOutput().contains("SVPC-023"), blocked.gateOutput());
    }

    private record Synth(String markdown, TreeSet<String> rules, String gateOutput, String data) {
    }

    @SuppressWarnings("unchecked")
    private static Synth synth(final NatStrategy nat, final boolean blockReport) throws IOException {
        Path outdir = Files.createTempDirectory("gate-synth-report-");
        if (blockReport) {
            Files.writeString(outdir.resolve(SynthReport.DIRECTORY), "a file where the report's directory goes");
        }
        App app = App.Builder.create().outdir(outdir.toString()).context(Map.of(
                "availability-zones:account=111111111111:region=eu-west-1", AZS)).build();
        Stack stack = new Stack(app, "Net", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        new SecureVpc(stack, "Network", SecureVpcProps.builder().cidr("10.30.0.0/16").availabilityZones(AZS)
                .tiers(List.of(SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).cidrMask(22).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build()))
                .natStrategy(nat).build());
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
        ((List<Map<String, Object>>) gate.report().json().get("findings")).forEach(f -> rules.add(f.get("pack") + " "
                + f.get("rule") + " " + f.get("severity")));
        Path md = outdir.resolve(SynthReport.DIRECTORY).resolve(SynthReport.MARKDOWN_FILE);
        Path data = outdir.resolve(SynthReport.DIRECTORY).resolve(SynthReport.DATA_FILE);
        return new Synth(Files.isRegularFile(md) ? Files.readString(md) : "", rules, out.toString(StandardCharsets.UTF_8),
                Files.isRegularFile(data) ? Files.readString(data) : "");
    }
}
