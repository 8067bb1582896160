/**
 * Secure defaults for an app's own CDK constructs: property injectors that give a plain {@code Vpc},
 * {@code SecurityGroup}, {@code Bucket}, {@code LogGroup}, {@code FlowLog}, {@code InterfaceVpcEndpoint},
 * {@code GatewayVpcEndpoint}, {@code Key} and {@code Topic} the blueprint's defaults wherever the app left a prop
 * unset. One call installs them: {@link io.securevpc.defaults.SecureDefaults#applyTo}.
 *
 * <p>Layer: a construct package (may import root, compliance, internal, network).
 */
package io.securevpc.defaults;
