package io.helmsync.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything helmsync wants in the cluster for one revision: the releases in apply order ({@code
 * needs} first), each with its objects already labelled with helmsync's ownership.
 *
 * @param secretValues the resolved secret values the objects were rendered from, carried along so
 *     that whatever shows the objects ({@code render}, {@code diff}) can hide them; never printed
 */
public record DesiredState(
    String environment, String revision, List<DesiredRelease> releases, Set<String> secretValues) {
  public DesiredState {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(revision, "revision");
    releases = List.copyOf(releases);
    secretValues = Set.copyOf(secretValues);
  }

  /** A state rendered without secrets. */
  public DesiredState(String environment, String revision, List<DesiredRelease> releases) {
    this(environment, revision, releases, Set.of());
  }

  /** The same objects, rendered from these secret values. */
  public DesiredState withSecretValues(Set<String> values) {
    return new DesiredState(environment, revision, releases, values);
  }

  /** Names the state without its secret values. */
  @Override
  public String toString() {
    return "DesiredState[environment="
        + environment
        + ", revision="
        + revision
        + ", releases="
        + releases.stream().map(DesiredRelease::name).toList()
        + "]";
  }

  /** Every object of every release, in apply order. */
  public List<Manifest> objects() {
    return releases.stream().flatMap(release -> release.objects().stream()).toList();
  }

  /**
   * One release's objects, in the order they are to be applied.
   *
   * @param needs names of the releases that must be applied (and healthy, if they wait) first
   * @param waitPolicy whether the release is done only when its objects are healthy, and how long
   * @param hooks the release's Helm hooks, labelled like its objects: run at their events, never
   *     applied with the objects nor listed in the inventory
   * @param chart the chart's {@code name-version}, for people; empty for plain manifests
   */
  public record DesiredRelease(
      String name,
      String namespace,
      List<Manifest> objects,
      List<String> needs,
      WaitPolicy waitPolicy,
      List<Hook> hooks,
      String chart) {
    public DesiredRelease {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(namespace, "namespace");
      objects = List.copyOf(objects);
      needs = List.copyOf(needs);
      waitPolicy = waitPolicy == null ? WaitPolicy.NONE : waitPolicy;
      hooks = List.copyOf(hooks);
      chart = chart == null ? "" : chart;
    }

    /** A release whose chart is not named. */
    public DesiredRelease(
        String name,
        String namespace,
        List<Manifest> objects,
        List<String> needs,
        WaitPolicy waitPolicy,
        List<Hook> hooks) {
      this(name, namespace, objects, needs, waitPolicy, hooks, "");
    }

    /** A release without hooks. */
    public DesiredRelease(
        String name,
        String namespace,
        List<Manifest> objects,
        List<String> needs,
        WaitPolicy waitPolicy) {
      this(name, namespace, objects, needs, waitPolicy, List.of());
    }

    /** A release that needs nothing and does not wait. */
    public DesiredRelease(String name, String namespace, List<Manifest> objects) {
      this(name, namespace, objects, List.of(), WaitPolicy.NONE);
    }
  }
}
