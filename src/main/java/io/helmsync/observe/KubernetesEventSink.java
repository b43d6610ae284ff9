package io.helmsync.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.ObjectRef;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes core/v1 Events into the agent's namespace, as {@code kubectl describe} shows them. An
 * Event that repeats (same object, type, reason and message) bumps the {@code count} and {@code
 * lastTimestamp} of the one already written instead of adding another, as the kubelet's recorder
 * does, so a failure that lasts a day is one Event, not one per poll. Writing an Event never fails
 * a reconcile: a refused write is logged and forgotten.
 */
public final class KubernetesEventSink implements EventSink {
  private static final Logger LOG = Logger.getLogger(KubernetesEventSink.class);
  static final String COMPONENT = "helmsync";

  /**
   * Long messages are cut: the API server rejects Events whose message exceeds 1 KiB
   * (events.k8s.io).
   */
  static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final String namespace;
  private final ObjectRef environmentObject;
  private final String instance;
  private final Clock clock;

  /** The last Event per object, type and reason: bounded by the objects helmsync manages. */
  private final Map<Key, Written> written = new HashMap<>();

  private final AtomicLong created = new AtomicLong();

  /**
   * @param environmentObject what environment-wide Events are about: the inventory ConfigMap
   * @param instance the replica that reports (its pod name), for {@code reportingInstance}
   */
  public KubernetesEventSink(
      KubernetesClient client, ObjectRef environmentObject, String instance, Clock clock) {
    this.client = client;
    this.namespace = environmentObject.namespace();
    this.environmentObject = environmentObject;
    this.instance = instance;
    this.clock = clock;
  }

  @Override
  public void environment(Type type, String reason, String message) {
    object(environmentObject, type, reason, message);
  }

  @Override
  public synchronized void object(ObjectRef object, Type type, String reason, String message) {
    String text =
        message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    Key key = new Key(object, type, reason);
    Written previous = written.get(key);
    try {
      if (previous != null && previous.message().equals(text) && bump(previous.name())) {
        return;
      }
      written.put(key, new Written(create(object, type, reason, text), text));
    } catch (KubernetesClientException e) {
      LOG.warnf("Event %s on %s not recorded: %s", reason, object, e.getMessage());
    }
  }

  private record Key(ObjectRef object, Type type, String reason) {}

  private record Written(String name, String message) {}

  /**
   * @return false when the Event is gone (expired after the API server's TTL, or deleted)
   */
  private boolean bump(String name) {
    String now = now();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .withName(name)
          .edit(
              event ->
                  new EventBuilder(event)
                      .withCount(event.getCount() == null ? 2 : event.getCount() + 1)
                      .withLastTimestamp(now)
                      .build());
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private String create(ObjectRef object, Type type, String reason, String message) {
    String now = now();
    // Named like the kubelet's Events: the object's name and a unique suffix.
    String name =
        object.name()
            + "."
            + Long.toHexString(clock.millis())
            + Long.toHexString(created.incrementAndGet());
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(reference(object))
            .withType(type.value())
            .withReason(reason)
            .withMessage(message)
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance)
            .build();
    client.v1().events().inNamespace(namespace).resource(event).create();
    return name;
  }

  private static ObjectReference reference(ObjectRef object) {
    return new ObjectReferenceBuilder()
        .withApiVersion(object.apiVersion())
        .withKind(object.kind())
        .withNamespace(object.namespace().isEmpty() ? null : object.namespace())
        .withName(object.name())
        .build();
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }
}
