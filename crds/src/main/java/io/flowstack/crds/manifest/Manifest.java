package io.flowstack.crds.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** One object read from a YAML file: where it was and what it says. */
public record Manifest(Path file, int line, JsonNode object) {

    public String apiVersion() {
        return object.path("apiVersion").asText("");
    }

    public String kind() {
        return object.path("kind").asText("");
    }

    /** {@code Kind namespace/name}, or {@code Kind name} for cluster-scoped objects, as people refer to objects. */
    public String displayName() {
        String name = object.path("metadata").path("name").asText("<unnamed>");
        String namespace = object.path("metadata").path("namespace").asText("");
        String kind = kind().isEmpty() ? "<no kind>" : kind();
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
