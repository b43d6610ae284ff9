package io.helmsync.secret.sops;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * sops' YAML store ({@code stores/yaml}): every document of the file is a mapping, whose top-level
 * {@code sops} key, read from the first document, is the metadata. Scalars are resolved as Go's
 * yaml.v3 resolves them, since their text form is what the MAC covers.
 */
final class YamlStore {
  private YamlStore() {}

  static EncryptedFile read(String text) {
    List<Branch> documents = new ArrayList<>();
    Map<String, Object> metadata = null;
    for (Node document : parser().composeAll(new StringReader(text))) {
      if (document instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
        continue;
      }
      if (!(document instanceof MappingNode mapping)) {
        throw new IllegalArgumentException("a YAML document that is not a mapping");
      }
      Branch branch = branch(mapping);
      List<Branch.Entry> data = new ArrayList<>();
      for (Branch.Entry entry : branch.entries()) {
        if (!entry.key().equals("sops")) {
          data.add(entry);
        } else if (documents.isEmpty() && entry.value() instanceof Branch sops) {
          metadata = plain(sops);
        }
      }
      documents.add(new Branch(data));
    }
    return new EncryptedFile(documents, metadata);
  }

  /** A parser that resolves no plain scalar itself: {@link Scalars} does, as yaml.v3 would. */
  private static Yaml parser() {
    LoaderOptions options = new LoaderOptions();
    Resolver explicitTagsOnly =
        new Resolver() {
          @Override
          protected void addImplicitResolvers() {}
        };
    return new Yaml(
        new SafeConstructor(options),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        options,
        explicitTagsOnly);
  }

  private static Branch branch(MappingNode mapping) {
    List<Branch.Entry> entries = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw new IllegalArgumentException("a YAML mapping key that is not a scalar");
      }
      entries.add(new Branch.Entry(key.getValue(), value(tuple.getValueNode())));
    }
    return new Branch(entries);
  }

  private static Object value(Node node) {
    if (node instanceof MappingNode mapping) {
      return branch(mapping);
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> items = new ArrayList<>();
      sequence.getValue().forEach(item -> items.add(value(item)));
      return items;
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.STR)) {
      return scalar.isPlain() ? Scalars.resolvePlain(scalar.getValue()) : scalar.getValue();
    }
    if (tag.equals(Tag.INT)
        || tag.equals(Tag.FLOAT)
        || tag.equals(Tag.BOOL)
        || tag.equals(Tag.NULL)) {
      return Scalars.resolvePlain(scalar.getValue());
    }
    return scalar.getValue();
  }

  /** The metadata branch as plain maps and lists. */
  static Map<String, Object> plain(Branch branch) {
    Map<String, Object> map = new LinkedHashMap<>();
    branch.entries().forEach(entry -> map.put(entry.key(), plainValue(entry.value())));
    return map;
  }

  private static Object plainValue(Object value) {
    if (value instanceof Branch branch) {
      return plain(branch);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(YamlStore::plainValue).toList();
    }
    return value;
  }
}
