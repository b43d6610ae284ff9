package io.helmsync.testing;

import io.helmsync.model.ObjectRef;
import io.helmsync.observe.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventSink} that keeps what it is told, for tests that look at Events. */
public final class RecordingEvents implements EventSink {
  /** One Event; {@code object} is null for an environment Event. */
  public record Event(ObjectRef object, Type type, String reason, String message) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void environment(Type type, String reason, String message) {
    events.add(new Event(null, type, reason, message));
  }

  @Override
  public void object(ObjectRef object, Type type, String reason, String message) {
    events.add(new Event(object, type, reason, message));
  }

  public List<Event> events() {
    return List.copyOf(events);
  }
}
