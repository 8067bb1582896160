package io.securevpc.nag;

import io.github.cdklabs.cdknag.IApplyRule;
import io.github.cdklabs.cdknag.NagMessageLevel;
import software.amazon.awscdk.CfnResource;

/** The {@link IApplyRule} of one precomputed result: cdk-nag reads it back through jsii. */
final class AppliedRule implements IApplyRule {
    private String explanation;
    private String info;
    private NagMessageLevel level;
    private CfnResource node;
    private String suffix;
    private final Object result;

    AppliedRule(final RuleSpec spec, final CfnResource node, final String info, final Object result) {
        this.explanation = spec.explanation();
        this.info = info;
        this.level = spec.level();
        this.node = node;
        this.suffix = spec.suffix();
        this.result = result;
    }

    @Override
    public String getExplanation() {
        return explanation;
    }

    @Override
    public void setExplanation(final String value) {
        this.explanation = value;
    }

    @Override
    public String getInfo() {
        return info;
    }

    @Override
    public void setInfo(final String value) {
        this.info = value;
    }

    @Override
    public NagMessageLevel getLevel() {
        return level;
    }

    @Override
    public void setLevel(final NagMessageLevel value) {
        this.level = value;
    }

    @Override
    public CfnResource getNode() {
        return node;
    }

    @Override
    public void setNode(final CfnResource value) {
        this.node = value;
    }

    @Override
    public String getRuleSuffixOverride() {
        return suffix;
    }

    @Override
    public void setRuleSuffixOverride(final String value) {
        this.suffix = value;
    }

    @Override
    public Object rule(final CfnResource resource) {
        return result;
    }
}
