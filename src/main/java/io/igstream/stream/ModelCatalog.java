package io.igstream.stream;

import io.igstream.model.ModelExplainer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The models one instance serves, by name and version. An event without a version gets the default
 * version of its name: the one declared with {@link Builder#defaultVersion}, or the only one. A
 * model whose spec names no version is found only as a default (an event asking for a version never
 * matches it).
 *
 * <p>Immutable and shared by every stream thread (TF sessions are thread-safe). The catalog does
 * not own the models: whoever loaded them closes them after the Streams instance has stopped (or,
 * when models rotate, {@link LiveCatalog} once no batch uses them any more). As a {@link
 * ModelSource} it is fixed: its lease is the catalog itself and closing it does nothing.
 */
public final class ModelCatalog implements ModelSource {
  private record ModelId(String name, Optional<String> version) {}

  private final Map<ModelId, ServedModel> models;
  private final Map<String, ServedModel> defaults;

  private ModelCatalog(Map<ModelId, ServedModel> models, Map<String, ServedModel> defaults) {
    this.models = Map.copyOf(models);
    this.defaults = Map.copyOf(defaults);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A catalog of one model, which is also its name's default. */
  public static ModelCatalog of(ModelExplainer explainer) {
    return builder().add(explainer).build();
  }

  /**
   * The model for an event's name and version; {@code version == null} means the name's default.
   */
  public Optional<ServedModel> find(String name, String version) {
    if (version == null) {
      return Optional.ofNullable(defaults.get(name));
    }
    return Optional.ofNullable(models.get(new ModelId(name, Optional.of(version))));
  }

  @Override
  public ModelCatalog current() {
    return this;
  }

  @Override
  public CatalogLease lease() {
    ModelCatalog self = this;
    return new CatalogLease() {
      @Override
      public ModelCatalog catalog() {
        return self;
      }

      @Override
      public void close() {}
    };
  }

  /** Whether {@code model} is what events of its name without a version get. */
  public boolean isDefault(ServedModel model) {
    return defaults.get(model.name()) == model;
  }

  /** Every served model, for start-up checks. */
  public Collection<ServedModel> models() {
    return models.values();
  }

  /** Human text for dead-letter messages and logs: what is served. */
  public String describe() {
    List<String> names = new ArrayList<>();
    for (ModelId id : models.keySet()) {
      names.add(id.name() + id.version().map(v -> "@" + v).orElse(""));
    }
    names.sort(null);
    return String.join(", ", names);
  }

  /** Collects models; {@link #build} checks that every name has an unambiguous default. */
  public static final class Builder {
    private final Map<ModelId, ServedModel> models = new LinkedHashMap<>();
    private final Map<String, String> defaultVersions = new LinkedHashMap<>();

    private Builder() {}

    public Builder add(ModelExplainer explainer) {
      return add(ServedModel.of(explainer));
    }

    public Builder add(ServedModel model) {
      ModelId id = new ModelId(model.name(), model.version());
      if (models.putIfAbsent(id, model) != null) {
        throw new IllegalArgumentException("model " + model + " is in the catalog twice");
      }
      return this;
    }

    /** The version served to events of {@code name} that carry no version. */
    public Builder defaultVersion(String name, String version) {
      defaultVersions.put(Objects.requireNonNull(name), Objects.requireNonNull(version));
      return this;
    }

    public ModelCatalog build() {
      if (models.isEmpty()) {
        throw new IllegalArgumentException("the model catalog is empty: add at least one model");
      }
      Map<String, List<ModelId>> byName = new LinkedHashMap<>();
      models
          .keySet()
          .forEach(id -> byName.computeIfAbsent(id.name(), n -> new ArrayList<>()).add(id));
      Map<String, ServedModel> defaults = new LinkedHashMap<>();
      for (Map.Entry<String, List<ModelId>> e : byName.entrySet()) {
        String name = e.getKey();
        String declared = defaultVersions.get(name);
        if (declared != null) {
          ServedModel model = models.get(new ModelId(name, Optional.of(declared)));
          if (model == null) {
            throw new IllegalArgumentException(
                "default version '" + declared + "' of model '" + name + "' is not in the catalog");
          }
          defaults.put(name, model);
        } else if (e.getValue().size() == 1) {
          defaults.put(name, models.get(e.getValue().get(0)));
        } else {
          throw new IllegalArgumentException(
              "model '"
                  + name
                  + "' has several versions "
                  + e.getValue().stream().map(id -> id.version().orElse("(none)")).toList()
                  + ": declare the one served to events without a version with defaultVersion()");
        }
      }
      for (String name : defaultVersions.keySet()) {
        if (!byName.containsKey(name)) {
          throw new IllegalArgumentException(
              "default version given for unknown model '" + name + "'");
        }
      }
      return new ModelCatalog(models, defaults);
    }
  }
}
