/**
 * The synth report the compliance gate writes at every synth ({@link io.securevpc.gate.report.SynthReport}):
 * a self-contained HTML page and a Markdown file with the verdicts, the controls (BP-* and the stock packs' NIST,
 * HIPAA and PCI DSS controls) with each resource's verdict, a network diagram per VPC, an estimated
 * monthly cost from dated list prices, and the changes since the previous report. Built from plain data (the
 * gate's report data and the template model), so it imports {@code io.securevpc.nag} and below, never
 * {@code io.securevpc.gate} ({@code ArchitectureTest} checks it).
 */
package io.securevpc.gate.report;
