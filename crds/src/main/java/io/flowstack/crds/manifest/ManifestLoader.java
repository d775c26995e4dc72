package io.flowstack.crds.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from a file or a directory tree: every {@code .yaml}/{@code .yml}/{@code .json} file,
 * every document in it, and the items of {@code kind: List}; or from a stream ({@code -f -}: standard input, as
 * {@code kustomize build | flowstack validate -f -}). Kustomize's own files are not objects and are skipped.
 */
public final class ManifestLoader {
    private static final Set<String> KUSTOMIZE_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private final YAMLFactory factory = new YAMLFactory();
    private final ObjectMapper mapper = new ObjectMapper(factory);

    /** Objects read, and files that could not be read or parsed. */
    public record Result(List<Manifest> manifests, List<LoadError> errors) {
    }

    /** A file that is not valid YAML, or cannot be read. */
    public record LoadError(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    public Result load(Path path) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        for (Path file : yamlFiles(path)) {
            readFile(file, manifests, errors);
        }
        return new Result(manifests, errors);
    }

    /** The name a stream's manifests are reported under, as kubectl says: {@code -f -}. */
    public static final Path STDIN = Path.of("<stdin>");

    /** Every object of a stream (JSON is YAML too), reported under {@link #STDIN}. */
    public Result load(java.io.InputStream in) {
        List<Manifest> manifests = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        read(STDIN, () -> factory.createParser(in), manifests, errors);
        return new Result(manifests, errors);
    }

    /** The YAML and JSON files under a path, sorted, without kustomize's files. */
    public static List<Path> yamlFiles(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !isHidden(path.relativize(f)))
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
                                && !KUSTOMIZE_FILES.contains(name);
                    })
                    .sorted()
                    .toList();
        }
    }

    /**
     * Hidden entries are not manifests: .git, editors' files, and the ..data / ..timestamp directories through which
     * Kubernetes mounts a ConfigMap (its files would otherwise be read twice).
     */
    private static boolean isHidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void readFile(Path file, List<Manifest> manifests, List<LoadError> errors) {
        read(file, () -> factory.createParser(file.toFile()), manifests, errors);
    }

    private interface ParserSource {
        YAMLParser open() throws IOException;
    }

    private void read(Path file, ParserSource source, List<Manifest> manifests, List<LoadError> errors) {
        try (YAMLParser parser = source.open();
             MappingIterator<JsonNode> documents = mapper.readValues(parser, JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonLocation start = parser.currentTokenLocation();
                int line = start == null ? 1 : Math.max(1, start.getLineNr());
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if ("List".equals(document.path("kind").asText()) && document.path("items").isArray()) {
                    document.path("items").forEach(item -> manifests.add(new Manifest(file, line, item)));
                } else {
                    manifests.add(new Manifest(file, line, document));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            errors.add(new LoadError(file, location == null ? 1 : location.getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage()));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException jpe ? jpe : e;
            errors.add(new LoadError(file, 1, "not valid YAML: " + cause.getMessage()));
        } catch (IOException e) {
            errors.add(new LoadError(file, 1, "cannot read: " + e.getMessage()));
        }
    }
}
