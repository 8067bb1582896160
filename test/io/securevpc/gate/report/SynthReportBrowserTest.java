package io.securevpc.gate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.gate.ComplianceGate;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
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
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * The report as a person sees it: an app with one three-tier VPC synthesized through the gate, its
 * {@code index.html} rendered by headless Chromium (a screenshot under {@code target/}, the DOM after rendering, the
 * console messages).
 * Skipped, saying so, when {@code /usr/bin/chromium} is absent ({@code .ci/run} installs it).
 */
class SynthReportBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final List<String> AZS = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");

    private static Path report;
    private static String gateOutput;
    private static AppTemplates templates;

    @BeforeAll
    static void synthThroughTheGate() throws IOException {
        Path outdir = Files.createTempDirectory("synth-report-");
        App app = App.Builder.create().outdir(outdir.toString()).context(Map.of(
                "availability-zones:account=111111111111:region=eu-west-1", AZS)).build();
        Stack stack = new Stack(app, "Net", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        new SecureVpc(stack, "Network", SecureVpcProps.builder().cidr("10.20.0.0/16").availabilityZones(AZS)
                .tiers(List.of(SubnetTier.builder("app", TierKind.PRIVATE_WITH_EGRESS).cidrMask(22).build(),
                        SubnetTier.builder("data", TierKind.ISOLATED).cidrMask(24).build(),
                        SubnetTier.builder("public", TierKind.PUBLIC).cidrMask(26).build()))
                .natStrategy(NatStrategy.PER_AZ).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE)
                .cloudFormationValidation(false).verdictStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                .build(app);
        try {
            gate.synth(app);
        } catch (RuntimeException e) {
            // the report is written whatever the verdict; the verdict itself is asserted below from the page
        }
        gateOutput = out.toString(StandardCharsets.UTF_8);
        report = outdir.resolve(SynthReport.DIRECTORY).resolve(SynthReport.HTML_FILE);
        templates = AppTemplates.fromAssembly(outdir);
    }

    @Test
    void theGateWritesTheReportAtSynthAndSaysWhereAndHowLongItTook() {
        assertTrue(Files.isRegularFile(report), gateOutput);
        assertTrue(Files.isRegularFile(report.resolveSibling(SynthReport.MARKDOWN_FILE)));
        assertTrue(Pattern.compile("\\[compliance-gate\\] report: .*compliance-report\\.txt, .*secure-vpc-report/index\\.html "
                + "\\(\\d+ ms\\)").matcher(gateOutput).find(), gateOutput);
    }

    @Test
    void chromiumRendersThePageToANonTrivialScreenshot() throws Exception {
        Path png = Paths.get("target", "synth-report", "index.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);

        chromium("--screenshot=" + png, "--window-size=1400,2000");

        assertTrue(Files.isRegularFile(png), "no screenshot");
        assertTrue(Files.size(png) > 20_000, "screenshot of " + Files.size(png) + " bytes: blank page?");
    }

    @Test
    void theRenderedDomHasOneDiagramPerVpcAndOneBoxPerSubnetWithItsCidr() throws Exception {
        String dom = chromium("--dump-dom");

        List<TemplateResource> subnets = templates.ofType("AWS::EC2::Subnet");
        assertEquals(templates.ofType("AWS::EC2::VPC").size(), count(dom, "<svg "));
        assertEquals(subnets.size(), all(dom, "<g class=\"subnet\"").size());
        List<String> expected = subnets.stream().map(s -> s.prop("CidrBlock").asText()).sorted().toList();
        assertEquals(expected, all(dom, "<text [^>]*class=\"cidr\">([^<]+)</text>").stream().sorted().toList());
        assertEquals(9, expected.size());
    }

    @Test
    void theRenderedDomHasTheVerdictRowsAndTheCostTotal() throws Exception {
        String dom = chromium("--dump-dom");
        String md = Files.readString(report.resolveSibling(SynthReport.MARKDOWN_FILE));

        // one row per pack (BlueprintChecks, AwsSolutions) and one per stack
        assertEquals(List.of("BlueprintChecks", "AwsSolutions", "Net"), all(dom, "<tr class=\"verdict\"><td>([^<]+)</td>"));
        String total = all(md, "\\*\\*Estimated total: (\\S+) per month").get(0);
        assertEquals(List.of(total), all(dom, "id=\"cost-total\">([^<]+)<"));
        // three NAT gateways in eu-west-1: 3 x (730 h x $0.048 + 100 GB x $0.048)
        assertTrue(dom.contains("<td>NAT gateway</td><td class=\"num\">3</td><td class=\"num\">$119.52</td>"), dom);
        // and their three Elastic IPs: 3 x 730 h x $0.005
        assertTrue(dom.contains("<td>Public IPv4 address (Elastic IP)</td><td class=\"num\">3</td><td class=\"num\">$10.95"
                + "</td>"), dom);
    }

    @Test
    void thePageRendersWithoutAConsoleMessage() throws Exception {
        // the check sees a console error where there is one
        Path broken = Files.createTempFile("broken-", ".html");
        Files.writeString(broken, "<!DOCTYPE html><html><body><script>console.error('seen');</script></body></html>");
        assertTrue(console(broken).stream().anyMatch(l -> l.contains("\"seen\"")), "chromium logs console messages");

        assertEquals(List.of(), console(report));
    }

    @Test
    void theRenderedDomHasTheControlCoverageOfTheMarkdown() throws Exception {
        String dom = chromium("--dump-dom");
        String md = Files.readString(report.resolveSibling(SynthReport.MARKDOWN_FILE));

        List<String> rendered = all(dom, "<tr class=\"coverage-row\"><td><a [^>]+>[^<]+</a></td><td>([^<]+(?:</td><td "
                + "class=\"num\">\\d+){6})</td></tr>").stream().map(r -> r.replaceAll("</td><td class=\"num\">", " ")).toList();
        // the baseline profile: the project's BP-* ids only (AwsSolutions names no controls)
        assertEquals(1, rendered.size(), dom);
        assertTrue(rendered.get(0).startsWith("BlueprintChecks "), rendered.toString());
        assertTrue(md.contains("| " + rendered.get(0).replace(" ", " | ") + " |"), md);
    }

    private static String chromium(final String... args) throws Exception {
        return chromium(report, null, args);
    }

    /** @return the console messages Chromium logs while rendering {@code page} (errors, warnings, logs). */
    private static List<String> console(final Path page) throws Exception {
        Path stderr = Files.createTempFile("chromium-", ".err");
        chromium(page, stderr, "--enable-logging=stderr", "--v=0", "--dump-dom");
        return Files.readAllLines(stderr).stream().filter(l -> l.contains(":CONSOLE")).toList();
    }

    private static String chromium(final Path page, final Path stderr, final String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "/usr/bin/chromium is not installed: the report is not "
                + "rendered (apt-get install -y chromium; .ci/run installs it)");
        Path profile = Files.createTempDirectory("chromium-profile-");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path stdout = Files.createTempFile("chromium-", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stderr.toFile()))
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 120 s");
        assertEquals(0, p.exitValue(), "chromium exit code");
        return Files.readString(stdout);
    }

    private static int count(final String text, final String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static List<String> all(final String text, final String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.groupCount() == 0 ? m.group() : m.group(1));
        }
        return out;
    }
}
