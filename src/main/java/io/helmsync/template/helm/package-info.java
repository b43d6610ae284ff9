/**
 * Helm's {@code pkg/engine}: {@link io.helmsync.template.helm.HelmEngine} renders a chart's
 * templates with Sprig plus Helm's functions ({@code include}, {@code tpl}, {@code required},
 * {@code lookup} through {@link io.helmsync.template.helm.LookupPort}, ...) and Helm's error
 * messages, caching parsed charts.
 *
 * <p>May use {@code io.helmsync.template}, {@code io.helmsync.template.sprig}, {@code
 * io.helmsync.template.golib} and {@code io.helmsync.model}; never {@code helmfile}.
 */
package io.helmsync.template.helm;
