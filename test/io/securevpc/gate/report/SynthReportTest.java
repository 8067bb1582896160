package io.securevpc.gate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.nag.BlueprintChecks;
import io.securevpc.nag.RuleSpec;
import io.securevpc.nag.model.AppTemplates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synth report from a small assembly written here (one VPC in eu-west-1, two tiers in two AZs, a NAT gateway,
 * an interface endpoint, a KMS key, a flow log) and the gate's report data: what each section shows, the escaping
 * of names from the template, the cost from the list prices, the diff with the previous report. No jsii.
 */
class SynthReportTest {
    private static final RuleSpec RULE = BlueprintChecks.RULES.get(0);
    /** A rule whose first BP id {@link #RULE} does not name. */
    private static final RuleSpec RULE2 = BlueprintChecks.RULES.stream()
            .filter(r -> !RULE.bestPractices().contains(r.bestPractices().get(0))).findFirst().orElseThrow();
    private static final String EVIL = "net<script>alert(1)</script>";

    @TempDir
    Path dir;

    @Test
    void escapesNamesFromTheTemplateInHtmlAndMarkdown() throws IOException {
        Path out = SynthReport.write(dir, gateReport(true), assembly(true));

        String html = Files.readString(out.resolve(SynthReport.HTML_FILE));
        String md = Files.readString(out.resolve(SynthReport.MARKDOWN_FILE));
        assertFalse(html.contains("<script"), "a name with '<' must not open an element");
        assertTrue(html.contains("net&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("data-tier=\"app&lt;b&gt;&quot;x\""));
        assertFalse(md.contains("<script"));
    }

    @Test
    void drawsOneBoxPerSubnetWithItsCidrAndItsRoutes() throws IOException {
        String html = Files.readString(SynthReport.write(dir, gateReport(true), assembly(true)).resolve(SynthReport.HTML_FILE));

        assertEquals(1, count(html, "<svg "));
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"), all(html, "data-cidr=\"([^\"]+)\""));
        assertEquals(List.of("0.0.0.0/0 \u2192 IGW", "0.0.0.0/0 \u2192 IGW", "0.0.0.0/0 \u2192 NAT eu-west-1a",
                "0.0.0.0/0 \u2192 NAT eu-west-1a"), all(html, "data-cidr=\"10\\.0\\.\\d\\.0/24\">.*?class=\"route\">([^<]+)</text></g>"));
        assertEquals(List.of("eu-west-1a", "eu-west-1b"), all(html, "class=\"zone\">([^<]+)<"));
        assertTrue(html.contains("Gateway endpoints: s3"));
        assertTrue(html.contains("Interface endpoints: ssm (2 AZ)"));
        assertEquals(List.of("NACL: none associated", "(VPC default)", "NACL allows:", "2 in, 1 out"),
                all(html, "<text [^>]*class=\"note\">((?:NACL|\\(VPC|\\d+ in)[^<]*)</text>"));
    }

    @Test
    void drawsWhereFlowLogsAndDnsLogsGoAndTheConnectionsToOtherNetworks() throws IOException {
        Path out = SynthReport.write(dir, gateReport(true), assembly(true, CONNECTED));
        String html = Files.readString(out.resolve(SynthReport.HTML_FILE));
        String svg = html.substring(html.indexOf("<svg "), html.indexOf("</svg>"));

        String notes = String.join(" ", all(svg, "class=\"note\">([^<]+)</text>"));
        assertTrue(notes.contains("Flow logs: ALL \u2192 S3 bucket Net/LogBucket, REJECT \u2192 CloudWatch Logs log group "
                + "Net/FlowGroup"), notes);
        assertTrue(notes.contains("DNS query logs: log group Net/DnsGroup"), notes);
        assertTrue(notes.contains("Connectivity: peering with vpc-0123 (account 222222222222, eu-central-1), Transit "
                + "Gateway Net/Tgw, shared with shared-services (Net), Site-to-Site VPN: 1 connection to customer "
                + "gateway 203.0.113.10, PrivateLink to PrivateLink service of Producer"), notes);
        assertEquals(List.of("172.16.0.0/16 \u2192 peering", "10.1.0.0/16 \u2192 TGW", "0.0.0.0/0 \u2192 NAT eu-west-1a"),
                all(svg, "data-cidr=\"10\\.0\\.2\\.0/24\">(.*?)</g>").stream()
                        .flatMap(r -> all(r, "class=\"route\">([^<]+)<").stream()).toList());
        String md = Files.readString(out.resolve(SynthReport.MARKDOWN_FILE));
        assertTrue(md.contains("\nDNS query logs: log group Net/DnsGroup.\n"), md);
    }

    @Test
    void saysSoWhenAVpcHasNoFlowLogDnsLogOrConnection() throws IOException {
        String md = Files.readString(SynthReport.write(dir, gateReport(true), assembly(true)).resolve(SynthReport.MARKDOWN_FILE));

        assertTrue(md.contains("\nFlow logs: none.\n\nDNS query logs: none.\n\nConnectivity: none (no peering, Transit "
                + "Gateway, VPN or PrivateLink to another stack).\n"), md);
    }

    @Test
    void summarisesEachTiersNaclFromItsEntries() throws IOException {
        String md = Files.readString(SynthReport.write(dir, gateReport(true), assembly(true)).resolve(SynthReport.MARKDOWN_FILE));

        assertTrue(md.contains("| app&lt;b&gt;\"x | #100 in allow tcp 443 from 10.0.0.0/16; #1010 in allow tcp 443 from IPv6 block of Vpc; "
                + "#32766 in deny all from "
                + "0.0.0.0/0; #100 out allow tcp 1024-65535 to 10.0.0.0/16 |"), md);
    }

    @Test
    void listsFindingsWithTheRuleTablesFixAndAcknowledgementsWithTheirSource() throws IOException {
        String html = Files.readString(SynthReport.write(dir, gateReport(true), assembly(true)).resolve(SynthReport.HTML_FILE));

        assertTrue(html.contains("<td>" + Html.escape(RULE.id()) + "</td><td>error</td><td>Net/AppA</td><td>bad &lt;thing&gt;"
                + "</td><td>" + Html.escape(RULE.fix()) + "</td>"), html);
        assertTrue(html.contains("<td>AwsSolutions-VPC7</td><td>Net/Vpc</td><td>flow logs are in the stack of another "
                + "team</td><td>app</td><td>ACCEPTED</td>"));
        assertEquals(List.of("FAIL", "PASS", "FAIL"), all(html, "<tr class=\"verdict\"><td>[^<]*</td>(?:<td>[^<]*</td>)?"
                + "<td class=\"(?:PASS|FAIL)\">(PASS|FAIL)</td>"));
    }

    @Test
    void estimatesTheMonthlyCostFromTheEuWest1ListPrices() {
        CostEstimate cost = CostEstimate.of(assembly(true));

        // NAT 730 h x 0.048 + 100 GB x 0.048 = 39.84; endpoint 2 AZ x 730 h x 0.011 + 10 GB x 0.01 = 16.16;
        // KMS key 1.00; flow log 20 GB x 0.57 = 11.40
        assertEquals(List.of(39.84, 16.16, 1.0, 11.4), cost.environments.get(0).lines().stream()
                .map(CostEstimate.Line::monthly).toList());
        assertEquals(68.40, cost.total(), 0.001);
        assertEquals("", cost.environments.get(0).cheapestChange(), "one NAT gateway: nothing cheaper to suggest");
    }

    @Test
    void pricesTheTrailGuardDutyConfigAndDnsLogsWithTheirAssumptions() {
        CostEstimate cost = CostEstimate.of(assembly(true, AUDIT));

        Map<String, CostEstimate.Line> lines = new LinkedHashMap<>();
        cost.environments.get(0).lines().forEach(l -> lines.put(l.item(), l));
        // DNS logs 5 GB x $0.57; one trail selecting data events: 1,000,000 x $0.10 per 100,000; its CloudWatch Logs
        // delivery 5 GB x $0.57; GuardDuty 1 million events x $4.00 + 1 VPC x 20 GB x $1.00; Config 1,000 items x
        // $0.003, 2 rules x 1,000 evaluations x $0.001
        assertEquals(2.85, lines.get("DNS query logs to CloudWatch Logs").monthly(), 0.001);
        assertEquals(1.00, lines.get("CloudTrail trail").monthly(), 0.001);
        assertEquals(2.85, lines.get("CloudTrail to CloudWatch Logs").monthly(), 0.001);
        assertEquals(24.00, lines.get("GuardDuty detector").monthly(), 0.001);
        assertEquals(3.00, lines.get("AWS Config recorder").monthly(), 0.001);
        assertEquals(2, lines.get("AWS Config rule").quantity());
        assertEquals(2.00, lines.get("AWS Config rule").monthly(), 0.001);
        assertEquals(68.40 + 2.85 + 1.00 + 2.85 + 24.00 + 3.00 + 2.00, cost.total(), 0.001);
        assertTrue(lines.get("GuardDuty detector").assumption().contains("us-east-1 list price (the table has no other "
                + "region's)"), "eu-west-1 is priced with the only price recorded, and says so");
        assertTrue(lines.get("CloudTrail trail").assumption().startsWith("the first copy of management events is free; 1 "
                + "selecting data events, 1,000,000 data events/month each at $0.10 per 100,000 (assumed)"));
    }

    @Test
    void namesAnS3InterfaceEndpointBesideTheS3GatewayEndpointAsACheaperChange() {
        CostEstimate cost = CostEstimate.of(assembly(true, "\"S3If\": {\"Type\": \"AWS::EC2::VPCEndpoint\", \"Properties\": "
                + "{\"VpcId\": {\"Ref\": \"Vpc\"}, \"VpcEndpointType\": \"Interface\", \"ServiceName\": "
                + "\"com.amazonaws.eu-west-1.s3\", \"SubnetIds\": [{\"Ref\": \"AppA\"}, {\"Ref\": \"AppB\"}]}},"));

        // 2 AZ x 730 h x $0.011 + 10 GB x $0.01
        assertTrue(cost.environments.get(0).cheapestChange().startsWith("Dropping the s3 interface endpoint Net/S3If (2 AZ) "
                + "saves about $16.16 a month: the VPC's s3 gateway endpoint serves its subnets at no charge"),
                cost.environments.get(0).cheapestChange());
    }

    @Test
    void namesTheLargerSavingFirstWhenThereAreSeveralChanges() {
        CostEstimate cost = CostEstimate.of(assembly(true, "\"Nat2\": {\"Type\": \"AWS::EC2::NatGateway\", "
                + "\"Properties\": {\"SubnetId\": {\"Ref\": \"PubB\"}}}, \"S3If\": {\"Type\": \"AWS::EC2::VPCEndpoint\", "
                + "\"Properties\": {\"VpcId\": {\"Ref\": \"Vpc\"}, \"VpcEndpointType\": \"Interface\", \"ServiceName\": "
                + "\"com.amazonaws.eu-west-1.s3\", \"SubnetIds\": [{\"Ref\": \"AppA\"}]}},"));

        String change = cost.environments.get(0).cheapestChange();
        assertTrue(change.startsWith("One NAT gateway instead of 2") && change.contains(". Also: Dropping the s3 "
                + "interface endpoint Net/S3If (1 AZ) saves about $8.13 a month"), change);
    }

    @Test
    void namesOneNatGatewayAsTheCheapestChangeWhenThereAreSeveral() {
        CostEstimate cost = CostEstimate.of(assembly(true, "\"Nat2\": {\"Type\": \"AWS::EC2::NatGateway\", "
                + "\"Properties\": {\"SubnetId\": {\"Ref\": \"PubB\"}}},"));

        assertTrue(cost.environments.get(0).cheapestChange().startsWith("One NAT gateway instead of 2 (natStrategy "
                + "SINGLE) saves about $38.69 a month"), cost.environments.get(0).cheapestChange());
    }

    @Test
    void markdownShowsTheSameVerdictCountsAndCostTotalsAsHtml() throws IOException {
        Path out = SynthReport.write(dir, gateReport(true), assembly(true));
        String html = Files.readString(out.resolve(SynthReport.HTML_FILE));
        String md = Files.readString(out.resolve(SynthReport.MARKDOWN_FILE));

        assertEquals(List.of("FAIL", "PASS", "FAIL"), all(md, "^\\| [^|]+ \\|(?: [^|]+ \\|)? (PASS|FAIL) \\|"));
        List<String> htmlCounts = all(html, "<tr class=\"verdict\">.*?((?:PASS|FAIL)</td><td class=\"num\">\\d+</td>"
                + "<td class=\"num\">\\d+)</td>").stream().map(r -> r.replaceAll("</td><td class=\"num\">", " ")).toList();
        assertEquals(List.of("FAIL 1 0", "PASS 0 0", "FAIL 1 0"), htmlCounts);
        assertEquals(htmlCounts, all(md, "^\\| [^|]+ \\|(?: [^|]+ \\|)? ((?:PASS|FAIL) \\| \\d+ \\| \\d+) \\|$").stream()
                .map(r -> r.replace(" | ", " ")).toList());
        assertEquals(List.of("$68.40"), all(html, "id=\"cost-total\">([^<]+)<"));
        assertEquals(List.of("$68.40"), all(md, "\\*\\*Estimated total: (\\S+) per month"));
        assertEquals(all(html, "env-total\">([^<]+)<"), all(md, "environment total\\*\\* \\| \\| \\*\\*([^*]+)\\*\\*"));
    }

    @Test
    void mapsEachBestPracticeToTheResourcesItsRulesJudgeWithTheirVerdicts() {
        ControlMapping.Family bp = ControlMapping.of(gateReportWithControls(), assembly(true)).families.get(0);

        assertEquals("BlueprintChecks", bp.pack());
        ControlMapping.Control first = control(bp, RULE.bestPractices().get(0));
        assertEquals(List.of("Net/AppA FAIL", "Net/AppB PASS"), first.resources().stream()
                .map(r -> r.path() + " " + r.verdict()).toList());
        assertEquals(ControlMapping.Verdict.FAIL, first.verdict());
        ControlMapping.Control acknowledged = control(bp, RULE2.bestPractices().get(0));
        assertEquals(List.of("Net/PubA ACKNOWLEDGED"), acknowledged.resources().stream()
                .map(r -> r.path() + " " + r.verdict()).toList());
    }

    @Test
    void mapsEachNistControlToTheResourcesOfTheTypesItsRulesJudgePassingOnesIncluded() {
        ControlMapping m = ControlMapping.of(gateReportWithControls(), assembly(true));
        ControlMapping.Family nist = m.families.stream().filter(f -> f.pack().equals("NIST.800.53.R5")).findFirst()
                .orElseThrow();

        // AU-2b: VPCFlowLogsEnabled (a finding on the VPC); SC-12: KMSBackingKeyRotationEnabled (no finding on the key);
        // SC-7(5): VPCDefaultSecurityGroupClosed (acknowledged on the VPC)
        assertEquals(List.of("Net/Vpc FAIL"), control(nist, "AU-2b").resources().stream()
                .map(r -> r.path() + " " + r.verdict()).toList());
        assertEquals(List.of("Net/Key PASS"), control(nist, "SC-12").resources().stream()
                .map(r -> r.path() + " " + r.verdict()).toList());
        assertEquals(ControlMapping.Verdict.PASS, control(nist, "SC-12").verdict());
        assertEquals(ControlMapping.Verdict.ACKNOWLEDGED, control(nist, "SC-7(5)").verdict());
        assertTrue(control(nist, "AC-4(21)").resources().stream().anyMatch(r -> r.path().equals("Net/PubRoute")
                && r.verdict() == ControlMapping.Verdict.PASS), "VPCNoUnrestrictedRouteToIGW judges the routes");
        assertEquals(null, control(nist, "SI-12").verdict(), "a control of log group rules: no log group here");
        long named = StockRules.get().packs().get("NIST.800.53.R5").rules().values().stream()
                .flatMap(r -> r.controls().stream()).distinct().count();
        ControlMapping.Coverage c = nist.coverage();
        assertEquals(named, c.named());
        assertEquals(c.checked(), c.passing() + c.acknowledged() + c.failing());
        assertTrue(c.failing() > 0 && c.acknowledged() > 0 && c.passing() > 0 && c.notExercised() > 0, c.toString());
        assertTrue(m.unmapped.isEmpty());
        assertTrue(m.families.stream().noneMatch(f -> f.pack().equals("HIPAA.Security")), "HIPAA did not run");
    }

    @Test
    void namesEveryResourceOfEachRuleWithItsVerdictPassingOnesIncluded() throws IOException {
        Path out = SynthReport.write(dir, gateReportWithControls(), assembly(true));
        String html = Files.readString(out.resolve(SynthReport.HTML_FILE));
        String md = Files.readString(out.resolve(SynthReport.MARKDOWN_FILE));

        assertTrue(html.contains("<tr class=\"control-rule\"><td>NIST.800.53.R5-KMSBackingKeyRotationEnabled</td>"
                + "<td>PASS (1): Net/Key</td></tr>"), html);
        assertTrue(html.contains("<tr class=\"control-rule\"><td>NIST.800.53.R5-VPCFlowLogsEnabled</td><td>FAIL (1): "
                + "Net/Vpc</td></tr>"));
        assertTrue(md.contains("| NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW | PASS (2): Net/NatRoute, Net/PubRoute |"), md);
        assertTrue(md.contains("| " + RULE.id() + " | FAIL (1): Net/AppA; PASS (1): Net/AppB |"), md);
        assertTrue(md.contains("| SC-7(5) | ACKNOWLEDGED | NIST.800.53.R5-EC2RestrictedCommonPorts, "
                + "NIST.800.53.R5-VPCDefaultSecurityGroupClosed | 1 resource: "
                + "0 pass, 1 acknowledged, 0 fail; Net/Vpc ACKNOWLEDGED (NIST.800.53.R5-VPCDefaultSecurityGroupClosed "
                + "ACKNOWLEDGED) |"), md);
    }

    @Test
    void listsAStockFindingWhoseRuleTheTableDoesNotKnow() {
        Map<String, Object> report = gateReportWithControls();
        Map<String, Object> unknown = new LinkedHashMap<>(finding("NIST.800.53.R5-SomeNewRule", "Net/Vpc"));
        List<Map<String, Object>> findings = new ArrayList<>(findings(report));
        findings.add(unknown);
        report.put("findings", findings);

        assertEquals(java.util.Set.of("NIST.800.53.R5-SomeNewRule"), ControlMapping.of(report, assembly(true)).unmapped);
    }

    @Test
    void markdownShowsTheSameControlCoverageAsHtml() throws IOException {
        Path out = SynthReport.write(dir, gateReportWithControls(), assembly(true));
        String html = Files.readString(out.resolve(SynthReport.HTML_FILE));
        String md = Files.readString(out.resolve(SynthReport.MARKDOWN_FILE));

        List<String> htmlRows = all(html, "<tr class=\"coverage-row\"><td><a [^>]+>[^<]+</a></td><td>([^<]+(?:</td><td "
                + "class=\"num\">\\d+){6})</td></tr>").stream().map(r -> r.replaceAll("</td><td class=\"num\">", " ")).toList();
        assertEquals(2, htmlRows.size(), html);
        ControlMapping.Coverage nist = ControlMapping.of(gateReportWithControls(), assembly(true)).families.get(1).coverage();
        assertEquals("NIST.800.53.R5 " + nist.named() + " " + nist.checked() + " " + nist.passing() + " " + nist.acknowledged()
                + " " + nist.failing() + " " + nist.notExercised(), htmlRows.get(1));
        assertEquals(htmlRows, all(md, "^\\| [^|]+ \\| ([A-Za-z.0-9]+(?: \\| \\d+){6}) \\|$").stream()
                .map(r -> r.replace(" | ", " ")).toList());
        String mdControls = md.substring(md.indexOf("\n## Controls"), md.indexOf("\n## Network"));
        assertEquals(all(html, "<tr class=\"control\"><td>([^<]+)</td>"), all(mdControls, "^\\| ([^|]+) \\| "
                + "(?:PASS|FAIL|ACKNOWLEDGED|no resource) \\|"), "one row per control in both, in the same order");
    }

    @Test
    void writesEveryControlsResourcesAndVerdictsIntoTheReportData() throws IOException {
        Path out = SynthReport.write(dir, gateReportWithControls(), assembly(true));

        String json = Files.readString(out.resolve(SynthReport.DATA_FILE));
        assertTrue(json.contains("\"control\" : \"SC-12\""), json.substring(0, 2000));
        assertTrue(json.contains("\"tag\" : \"v3.0.2\""));
    }

    @Test
    void comparesWithThePreviousReportOfTheDirectory() throws IOException {
        SynthReport.write(dir, gateReport(true), assembly(true));

        Path out = SynthReport.write(dir, gateReport(false), assembly(false));

        String md = Files.readString(out.resolve(SynthReport.MARKDOWN_FILE));
        assertTrue(md.contains("Estimated cost change: -$39.84 per month ($68.40 before)."), md);
        assertTrue(md.contains("### Resources removed (2)\n\n- Net/Nat (AWS::EC2::NatGateway)\n- Net/NatRoute (AWS::EC2::Route)\n"));
        assertTrue(md.contains("### Fixed findings (1)\n\n- BlueprintChecks " + RULE.id() + " Net/AppA\n"));
        assertTrue(md.contains("### New findings (0)"));
    }

    @Test
    void saysSoWhenThereIsNoPreviousReport() throws IOException {
        Path out = SynthReport.write(dir, gateReport(true), assembly(true));

        assertNull(SynthReport.content(gateReport(true), assembly(true), null).diff());
        assertTrue(Files.readString(out.resolve(SynthReport.HTML_FILE)).contains("No previous report in this output directory."));
    }

    @Test
    void failsWithTheGateFileCodeWhenTheDirectoryCannotBeWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> SynthReport.write(file, gateReport(true), assembly(true)));
        assertTrue(e.getMessage().contains("SVPC-023"), e.getMessage());
        assertTrue(e.getMessage().contains("secure-vpc-report"), e.getMessage());
    }

    private static int count(final String text, final String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static List<String> all(final String text, final String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The gate's report data: one pack failing with one finding, one passing, one acknowledgement. */
    static Map<String, Object> gateReport(final boolean withFinding) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("packs", List.of(pack("BlueprintChecks", !withFinding, withFinding ? 1 : 0),
                pack("AwsSolutions", true, 0)));
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("pack", "BlueprintChecks");
        finding.put("rule", RULE.id());
        finding.put("severity", "error");
        finding.put("path", "Net/AppA");
        finding.put("description", "bad <thing>");
        root.put("findings", withFinding ? List.of(finding) : List.of());
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("rule", "AwsSolutions-VPC7");
        ack.put("path", "Net/Vpc");
        ack.put("reason", "flow logs are in the stack of another team");
        ack.put("source", "app");
        ack.put("verdict", "ACCEPTED");
        root.put("acknowledgements", List.of(ack));
        return root;
    }

    /**
     * {@link #gateReport(boolean) gateReport(true)} with NIST 800-53 R5 run: a finding of VPCFlowLogsEnabled on the VPC,
     * VPCDefaultSecurityGroupClosed acknowledged on it; BlueprintChecks' per-resource results of {@link #RULE}
     * (non-compliant on Net/AppA, the finding; compliant on Net/AppB) and {@link #RULE2} (non-compliant on Net/PubA,
     * acknowledged).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> gateReportWithControls() {
        Map<String, Object> root = gateReport(true);
        List<Map<String, Object>> packs = new ArrayList<>((List<Map<String, Object>>) root.get("packs"));
        packs.add(pack("NIST.800.53.R5", false, 1));
        root.put("packs", packs);
        List<Map<String, Object>> findings = new ArrayList<>(findings(root));
        findings.add(finding("NIST.800.53.R5-VPCFlowLogsEnabled", "Net/Vpc"));
        root.put("findings", findings);
        List<Map<String, Object>> acks = new ArrayList<>((List<Map<String, Object>>) root.get("acknowledgements"));
        acks.add(Map.of("rule", "NIST.800.53.R5-VPCDefaultSecurityGroupClosed", "path", "Net/Vpc", "reason", "r",
                "source", "app", "verdict", "ACCEPTED"));
        acks.add(Map.of("rule", RULE2.id(), "path", "Net/PubA", "reason", "r", "source", "library", "verdict", "ACCEPTED"));
        root.put("acknowledgements", acks);
        root.put("blueprintRules", List.of(
                Map.of("rule", RULE.id(), "bestPractices", RULE.bestPractices(), "results", List.of(
                        Map.of("path", "Net/AppA", "verdict", "NON_COMPLIANT"), Map.of("path", "Net/AppB", "verdict", "COMPLIANT"))),
                Map.of("rule", RULE2.id(), "bestPractices", RULE2.bestPractices(), "results", List.of(
                        Map.of("path", "Net/PubA", "verdict", "NON_COMPLIANT")))));
        return root;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> findings(final Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("findings");
    }

    private static Map<String, Object> finding(final String rule, final String path) {
        return Map.of("pack", rule.substring(0, rule.indexOf('-')), "rule", rule, "severity", "error", "path", path,
                "description", "x");
    }

    private static ControlMapping.Control control(final ControlMapping.Family family, final String id) {
        return family.controls().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() ->
                new AssertionError(id + " not in " + family.name()));
    }

    private static Map<String, Object> pack(final String name, final boolean passed, final int errors) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pack", name);
        p.put("passed", passed);
        p.put("errors", errors);
        p.put("warnings", 0);
        return p;
    }

    /** A trail with data events and CloudWatch Logs delivery, a GuardDuty detector, AWS Config with two rules, DNS logs. */
    private static final String AUDIT = """
            "DnsGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
            "DnsLogs": {"Type": "AWS::Route53Resolver::ResolverQueryLoggingConfig", "Properties": {
              "DestinationArn": {"Fn::GetAtt": ["DnsGroup", "Arn"]}}},
            "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "b",
              "CloudWatchLogsLogGroupArn": "arn:aws:logs:eu-west-1:111111111111:log-group:trail",
              "AdvancedEventSelectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
                {"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                  {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]}},
            "Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {"Enable": true}},
            "Recorder": {"Type": "AWS::Config::ConfigurationRecorder", "Properties": {"RoleARN": "r"}},
            "Rule1": {"Type": "AWS::Config::ConfigRule", "Properties": {"Source": {"Owner": "AWS", "SourceIdentifier": "A"}}},
            "Rule2": {"Type": "AWS::Config::ConfigRule", "Properties": {"Source": {"Owner": "AWS", "SourceIdentifier": "B"}}},
            """;

    /** Flow logs to S3 and CloudWatch Logs, DNS query logs, peering, a Transit Gateway shared with a second VPC, a VPN. */
    private static final String CONNECTED = """
            "LogBucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
            "FlowGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
            "FlowS3": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC",
              "TrafficType": "ALL", "LogDestinationType": "s3", "LogDestination": {"Fn::GetAtt": ["LogBucket", "Arn"]}}},
            "FlowCw": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC",
              "TrafficType": "REJECT", "LogGroupName": {"Ref": "FlowGroup"}}},
            "DnsGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
            "DnsLogs": {"Type": "AWS::Route53Resolver::ResolverQueryLoggingConfig", "Properties": {
              "DestinationArn": {"Fn::Join": ["", ["arn:aws:logs:eu-west-1:111111111111:log-group:", {"Ref": "DnsGroup"}]]}}},
            "DnsAssoc": {"Type": "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", "Properties": {
              "ResolverQueryLogConfigId": {"Fn::GetAtt": ["DnsLogs", "Id"]}, "ResourceId": {"Ref": "Vpc"}}},
            "Peer": {"Type": "AWS::EC2::VPCPeeringConnection", "Properties": {"VpcId": {"Ref": "Vpc"},
              "PeerVpcId": "vpc-0123", "PeerOwnerId": "222222222222", "PeerRegion": "eu-central-1"}},
            "PeerRoute": {"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "RtApp"},
              "DestinationCidrBlock": "172.16.0.0/16", "VpcPeeringConnectionId": {"Ref": "Peer"}}},
            "Tgw": {"Type": "AWS::EC2::TransitGateway", "Properties": {}},
            "TgwAtt": {"Type": "AWS::EC2::TransitGatewayVpcAttachment", "Properties": {"VpcId": {"Ref": "Vpc"},
              "TransitGatewayId": {"Ref": "Tgw"}, "SubnetIds": [{"Ref": "AppA"}]}},
            "TgwRoute": {"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "RtApp"},
              "DestinationCidrBlock": "10.1.0.0/16", "TransitGatewayId": {"Ref": "Tgw"}}},
            "Vpc2": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16",
              "Tags": [{"Key": "Name", "Value": "shared-services"}]}},
            "TgwAtt2": {"Type": "AWS::EC2::TransitGatewayVpcAttachment", "Properties": {"VpcId": {"Ref": "Vpc2"},
              "TransitGatewayId": {"Ref": "Tgw"}, "SubnetIds": []}},
            "Vgw": {"Type": "AWS::EC2::VPNGateway", "Properties": {"Type": "ipsec.1"}},
            "VgwAtt": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"},
              "VpnGatewayId": {"Ref": "Vgw"}}},
            "Cgw": {"Type": "AWS::EC2::CustomerGateway", "Properties": {"IpAddress": "203.0.113.10", "Type": "ipsec.1"}},
            "Vpn": {"Type": "AWS::EC2::VPNConnection", "Properties": {"VpnGatewayId": {"Ref": "Vgw"},
              "CustomerGatewayId": {"Ref": "Cgw"}, "Type": "ipsec.1"}},
            "Link": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Interface",
              "ServiceName": {"Fn::Join": ["", ["com.amazonaws.vpce.eu-west-1.",
                {"Fn::GetStackOutput": {"StackName": "Producer", "OutputName": "ServiceId"}}]]},
              "SubnetIds": [{"Ref": "AppA"}]}},
            """;

    private AppTemplates assembly(final boolean withNat) {
        return assembly(withNat, "");
    }

    /** A one-stack assembly in eu-west-1: the VPC named {@link #EVIL}, tiers "public" and {@code app<b>"x}. */
    private AppTemplates assembly(final boolean withNat, final String extra) {
        String nat = withNat ? """
                "Nat": {"Type": "AWS::EC2::NatGateway", "Properties": {"SubnetId": {"Ref": "PubA"}}},
                "NatRoute": {"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "RtApp"},
                  "DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": {"Ref": "Nat"}}},
                """ : "";
        String template = """
                {"Resources": {
                  "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16",
                    "Tags": [{"Key": "Name", "Value": "%s"}]}},
                  %s
                  "PubA": %s, "PubB": %s, "AppA": %s, "AppB": %s,
                  "Igw": {"Type": "AWS::EC2::InternetGateway", "Properties": {}},
                  "RtPub": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
                  "RtApp": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
                  "PubRoute": {"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "RtPub"},
                    "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": {"Ref": "Igw"}}},
                  %s
                  "A1": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "PubA"}, "RouteTableId": {"Ref": "RtPub"}}},
                  "A2": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "PubB"}, "RouteTableId": {"Ref": "RtPub"}}},
                  "A3": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "AppA"}, "RouteTableId": {"Ref": "RtApp"}}},
                  "A4": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "AppB"}, "RouteTableId": {"Ref": "RtApp"}}},
                  "Acl": {"Type": "AWS::EC2::NetworkAcl", "Properties": {"VpcId": {"Ref": "Vpc"}}},
                  "N1": {"Type": "AWS::EC2::SubnetNetworkAclAssociation", "Properties": {"SubnetId": {"Ref": "AppA"}, "NetworkAclId": {"Ref": "Acl"}}},
                  "N2": {"Type": "AWS::EC2::SubnetNetworkAclAssociation", "Properties": {"SubnetId": {"Ref": "AppB"}, "NetworkAclId": {"Ref": "Acl"}}},
                  "E1": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": {"NetworkAclId": {"Ref": "Acl"}, "RuleNumber": 100,
                    "Protocol": 6, "RuleAction": "allow", "Egress": false, "CidrBlock": "10.0.0.0/16", "PortRange": {"From": 443, "To": 443}}},
                  "E2": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": {"NetworkAclId": {"Ref": "Acl"}, "RuleNumber": 100,
                    "Protocol": 6, "RuleAction": "allow", "Egress": true, "CidrBlock": "10.0.0.0/16", "PortRange": {"From": 1024, "To": 65535}}},
                  "E4": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": {"NetworkAclId": {"Ref": "Acl"}, "RuleNumber": 1010,
                    "Protocol": 6, "RuleAction": "allow", "Egress": false, "PortRange": {"From": 443, "To": 443},
                    "Ipv6CidrBlock": {"Fn::Select": [0, {"Fn::GetAtt": ["Vpc", "Ipv6CidrBlocks"]}]}}},
                  "E3": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": {"NetworkAclId": {"Ref": "Acl"}, "RuleNumber": 32766,
                    "Protocol": -1, "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"}},
                  "Ssm": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Interface",
                    "ServiceName": "com.amazonaws.eu-west-1.ssm", "SubnetIds": [{"Ref": "AppA"}, {"Ref": "AppB"}]}},
                  "S3": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Gateway",
                    "ServiceName": {"Fn::Join": ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".s3"]]}}},
                  "Key": {"Type": "AWS::KMS::Key", "Properties": {}},
                  "Flow": {"Type": "AWS::EC2::FlowLog", "Properties": {"LogDestinationType": "cloud-watch-logs"}}
                }}
                """.formatted(EVIL.replace("\"", "\\\""), extra, subnet("public", "Public", "a", 0),
                subnet("public", "Public", "b", 1), subnet("app<b>\\\"x", "Private", "a", 2),
                subnet("app<b>\\\"x", "Private", "b", 3), nat);
        try {
            Path assembly = Files.createDirectories(dir.resolve("assembly-" + System.nanoTime()));
            Files.writeString(assembly.resolve("Net.template.json"), template, StandardCharsets.UTF_8);
            StringBuilder metadata = new StringBuilder();
            for (String id : List.of("Vpc", "PubA", "PubB", "AppA", "AppB", "Nat")) {
                metadata.append(metadata.length() == 0 ? "" : ",").append("\"/Net/").append(id)
                        .append("\": [{\"type\": \"aws:cdk:logicalId\", \"data\": \"").append(id).append("\"}]");
            }
            Files.writeString(assembly.resolve("manifest.json"), """
                    {"version": "48.0.0", "artifacts": {"Net": {"type": "aws:cloudformation:stack",
                      "environment": "aws://111111111111/eu-west-1",
                      "properties": {"templateFile": "Net.template.json"}, "metadata": {%s}}}}
                    """.formatted(metadata));
            return AppTemplates.fromAssembly(assembly);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String subnet(final String tier, final String type, final String zone, final int third) {
        return ("{\"Type\": \"AWS::EC2::Subnet\", \"Properties\": {\"VpcId\": {\"Ref\": \"Vpc\"}, \"AvailabilityZone\": "
                + "\"eu-west-1%s\", \"CidrBlock\": \"10.0.%d.0/24\", \"Tags\": [{\"Key\": \"aws-cdk:subnet-name\", "
                + "\"Value\": \"%s\"}, {\"Key\": \"aws-cdk:subnet-type\", \"Value\": \"%s\"}]}}")
                .formatted(zone, third, tier, type);
    }
}
