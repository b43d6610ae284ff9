/**
 * What helmsync reads of the live cluster: discovery ({@code .Capabilities}), Helm's {@code
 * lookup}, the informer cache of the managed objects, and the health wait that polls live objects.
 * It writes nothing; applying, pruning and hooks are {@code apply}'s and {@code reconcile}'s. May
 * use {@code model}, fabric8, {@code health} (pure checks), {@code render}'s {@link
 * io.helmsync.render.ClusterView} record, and {@code apply}'s read port {@link
 * io.helmsync.apply.LiveObjects}, labels ({@link io.helmsync.apply.Ownership}) and API error
 * messages; {@code apply} does not use it.
 */
package io.helmsync.cluster;
