/**
 * Sprig (Masterminds/sprig v3, as Helm 3 ships it), one class per family of functions, assembled by
 * {@link io.helmsync.template.sprig.Sprig}; with spf13/cast's lenient conversions ({@link
 * io.helmsync.template.sprig.GoCast}) and Masterminds/semver's types, which only Sprig uses.
 *
 * <p>May use {@code io.helmsync.template} (the function registry), {@code
 * io.helmsync.template.golib} and {@code io.helmsync.model}; never {@code helm} or {@code
 * helmfile}.
 */
package io.helmsync.template.sprig;
