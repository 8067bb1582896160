/**
 * The synth-time compliance gate: {@link io.securevpc.gate.ComplianceGate} registers the project's pack, the
 * stock cdk-nag packs of a profile and CloudFormation's template checks on an app, through one validation
 * plugin ({@code GatePlugin}) that runs each pack once per stack ({@link io.securevpc.gate.GatedPack}), and fails
 * synth on any unacknowledged error. Resources a pack's walk of the construct tree misses (made through a plain
 * {@code CfnResource}, or in a nested stack) are checked from the synthesized templates ({@code DeployedResources}).
 * It writes {@link io.securevpc.gate.ComplianceReport} (compliance-report.json and .txt) and the synth report
 * ({@link io.securevpc.gate.report.SynthReport}: secure-vpc-report/index.html and report.md), prints one verdict line per plugin ({@link io.securevpc.gate.GateSummary}), supports baseline mode
 * ({@link io.securevpc.gate.Baseline}) and checks an existing template from the command line
 * ({@link io.securevpc.gate.CheckTemplate}). Every acknowledgement of the app is listed with who made it
 * ({@link io.securevpc.gate.AcknowledgementInventory}) and judged: one not on a resource, a bare id of a rule with
 * granular findings or a short reason fails synth ({@code AcknowledgementJudge}); ids CDK matches app-wide are limited
 * to their construct, CloudFormation's through {@code ScopedCloudFormationValidation}.
 *
 * <p>Start with {@code ComplianceGate}. May import {@code io.securevpc.gate.report}, {@code io.securevpc.nag} and below; never {@code io.securevpc.app},
 * and no construct package may import it ({@code ArchitectureTest} checks it).
 */
package io.securevpc.gate;
