package io.securevpc.gate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stock rule table ({@code stock-rules.json}) against the cdk-nag the build depends on: the packs' compiled
 * sources are read from the JavaScript package inside the cdk-nag jar (no jsii), so a cdk-nag upgrade that adds,
 * removes or renames a rule fails here until the table is regenerated ({@code generate-stock-rules.js}).
 */
class StockRulesTest {
    private static final Pattern APPLY_RULE = Pattern.compile("this\\.applyRule\\(\\{(.*?)\\}\\);", Pattern.DOTALL);
    private static final Pattern SUFFIX = Pattern.compile("ruleSuffixOverride: '([^']+)'");
    private static final Pattern RULE = Pattern.compile("\\brule: \\w+\\.(\\w+),");
    private static final Pattern PACK_NAME = Pattern.compile("this\\.packName = '([^']+)';");

    private static String version;
    /** Rule ids per pack name, from the packs' compiled sources in the cdk-nag jar. */
    private static final Map<String, TreeSet<String>> RULES_IN_JAR = new TreeMap<>();

    @BeforeAll
    static void readTheCdkNagJar() throws IOException {
        URL cls = StockRulesTest.class.getClassLoader().getResource("io/github/cdklabs/cdknag/NagPack.class");
        String jarPath = cls.getPath().substring("file:".length(), cls.getPath().indexOf("!/"));
        try (JarFile jar = new JarFile(java.net.URLDecoder.decode(jarPath, StandardCharsets.UTF_8))) {
            JarEntry tgz = jar.stream().filter(e -> e.getName().endsWith(".jsii.tgz")).findFirst().orElseThrow();
            Matcher v = Pattern.compile("cdk-nag@([^/]+)\\.jsii\\.tgz$").matcher(tgz.getName());
            assertTrue(v.find(), tgz.getName());
            version = v.group(1);
            try (InputStream in = new GZIPInputStream(jar.getInputStream(tgz))) {
                untar(in);
            }
        }
        assertFalse(RULES_IN_JAR.isEmpty(), "no pack found in the cdk-nag jar");
    }

    @Test
    void recordsTheCdkNagReleaseTheBuildDependsOn() {
        assertEquals("v" + version, StockRules.get().source().get("tag"));
        assertEquals("https://github.com/cdklabs/cdk-nag", StockRules.get().source().get("repository"));
    }

    @Test
    void hasAnEntryForEveryRuleOfEveryStockPack() {
        assertEquals(RULES_IN_JAR.keySet(), StockRules.get().packs().keySet());
        RULES_IN_JAR.forEach((pack, ids) -> assertEquals(ids, new TreeSet<>(StockRules.get().packs().get(pack).rules()
                .keySet()), pack));
    }

    @Test
    void everyComplianceRuleNamesItsControlsAndEveryRuleItsResourceTypes() {
        for (StockRules.Pack p : StockRules.get().packs().values()) {
            boolean compliance = p.name().startsWith("NIST") || p.name().startsWith("HIPAA") || p.name().startsWith("PCI");
            for (StockRules.Rule r : p.rules().values()) {
                assertEquals(compliance, !r.controls().isEmpty(), r.id());
                assertFalse(r.resourceTypes().isEmpty(), r.id());
                assertTrue(r.resourceTypes().stream().allMatch(t -> t.matches("AWS::\\w+::\\w+")), r.id());
            }
        }
        assertEquals(java.util.List.of("AWS::EC2::VPC"), StockRules.get().rule("NIST.800.53.R5-VPCFlowLogsEnabled")
                .resourceTypes(), "the flow log the rule looks for is not what it judges");
        assertTrue(StockRules.get().rule("PCI.DSS.321-VPCFlowLogsEnabled").controls().contains("10.3.2"));
        assertTrue(StockRules.get().rule("HIPAA.Security-VPCFlowLogsEnabled").controls().contains("164.312(b)"));
    }

    private static void untar(final InputStream in) throws IOException {
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            long size = Long.parseLong(field(header, 124, 12).trim(), 8);
            byte[] body = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            if (path.matches("package/lib/packs/[\\w-]+\\.js")) {
                pack(new String(body, StandardCharsets.UTF_8));
            }
        }
    }

    private static void pack(final String js) {
        Matcher name = PACK_NAME.matcher(js);
        assertTrue(name.find(), "a pack without packName");
        TreeSet<String> ids = new TreeSet<>();
        Matcher call = APPLY_RULE.matcher(js);
        while (call.find()) {
            Matcher suffix = SUFFIX.matcher(call.group(1));
            Matcher rule = RULE.matcher(call.group(1));
            assertTrue(suffix.find() || rule.find(), call.group(1));
            ids.add(name.group(1) + "-" + (suffix.find(0) ? suffix.group(1) : rule.group(1)));
        }
        RULES_IN_JAR.put(name.group(1), ids);
    }

    private static String field(final byte[] header, final int offset, final int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
