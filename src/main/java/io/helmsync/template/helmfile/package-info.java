/**
 * helmfile's {@code pkg/tmpl}: the functions helmfile offers its state files and {@code .gotmpl}
 * values ({@link io.helmsync.template.helmfile.HelmfileFunctions}): Sprig plus {@code env}, {@code
 * readFile}, {@code exec} (off by default), {@code get}, {@code fetchSecretValue} through {@link
 * io.helmsync.template.helmfile.SecretPort}, and its own {@code toYaml} and {@code tpl}.
 *
 * <p>May use {@code io.helmsync.template}, {@code io.helmsync.template.sprig}, {@code
 * io.helmsync.template.golib} and {@code io.helmsync.model}; never {@code helm}.
 */
package io.helmsync.template.helmfile;
