package io.flowstack.crds.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The generated CustomResourceDefinitions, as packaged with this module, indexed by apiVersion and kind. */
public final class CrdSchemas {
    /** The CRD files the crd-generator writes, by plural name. */
    public static final List<String> CRD_NAMES = List.of(
            "tenants.flowstack.io", "workflows.flowstack.io", "integrations.flowstack.io", "backuppolicies.flowstack.io");
    private static final String LOCATION = "META-INF/fabric8/%s-v1.yml";

    /** One served version of one kind. */
    public record KindSchema(String group, String version, String kind, boolean namespaced, JsonNode crd,
                             JsonNode openApiSchema) {
        public String apiVersion() {
            return group + "/" + version;
        }
    }

    private final Map<String, KindSchema> byApiVersionAndKind = new LinkedHashMap<>();
    private final Map<String, JsonNode> crds = new LinkedHashMap<>();

    private CrdSchemas(ClassLoader loader) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String name : CRD_NAMES) {
            String resource = String.format(LOCATION, name);
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("generated CRD " + resource + " is not on the classpath");
                }
                JsonNode crd = yaml.readTree(in);
                crds.put(name, crd);
                JsonNode spec = crd.path("spec");
                String group = spec.path("group").asText();
                String kind = spec.path("names").path("kind").asText();
                boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
                for (JsonNode version : spec.path("versions")) {
                    if (!version.path("served").asBoolean(false)) {
                        continue;
                    }
                    String v = version.path("name").asText();
                    KindSchema schema = new KindSchema(group, v, kind, namespaced, crd,
                            version.path("schema").path("openAPIV3Schema"));
                    byApiVersionAndKind.put(schema.apiVersion() + "/" + kind, schema);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read generated CRD " + resource, e);
            }
        }
    }

    private static final class Holder {
        private static final CrdSchemas INSTANCE = new CrdSchemas(CrdSchemas.class.getClassLoader());
    }

    public static CrdSchemas load() {
        return Holder.INSTANCE;
    }

    public Optional<KindSchema> find(String apiVersion, String kind) {
        return Optional.ofNullable(byApiVersionAndKind.get(apiVersion + "/" + kind));
    }

    /** The CRDs as generated, by name. */
    public Map<String, JsonNode> crds() {
        return crds;
    }

}
