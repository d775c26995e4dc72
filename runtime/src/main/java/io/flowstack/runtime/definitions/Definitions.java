package io.flowstack.runtime.definitions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.crds.admission.AdmissionResult;
import io.flowstack.crds.admission.AdmissionValidator;
import io.flowstack.crds.manifest.Finding;
import io.flowstack.crds.manifest.Manifest;
import io.flowstack.crds.manifest.ManifestLoader;
import io.flowstack.crds.manifest.ManifestValidator;
import io.flowstack.crds.manifest.ValidationReport;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.Revisions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Workflows and Integrations the runtime runs, read from a directory of the same YAML users apply (the operator
 * projects them there from ConfigMaps). Every read validates with the shared validator, exactly as the API server and
 * the operator would; an invalid workflow never replaces a running good one: its last good revision stays deployed and
 * the error is reported. Revisions seen are kept, so executions finish on the revision they began on.
 */
public final class Definitions implements Workflows {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A workflow as deployed: its definition and the revision (hash of its spec). */
    public record Deployed(Workflow workflow, String revision) {
    }

    /** The outcome of one read of the directory. */
    public record Reload(Set<String> deployed, Set<String> changed, List<Finding> problems) {
    }

    private final Path directory;
    private final ManifestLoader loader = new ManifestLoader();
    private final ManifestValidator validator = new ManifestValidator();
    private final AdmissionValidator admission = new AdmissionValidator();
    private volatile Map<String, Deployed> current = Map.of();
    private volatile Map<String, Integration> integrations = Map.of();
    private volatile List<Finding> problems = List.of();
    private final Map<String, Workflow> byRevision = new ConcurrentHashMap<>();
    private volatile String fingerprint = "";

    public Definitions(Path directory) {
        this.directory = directory;
    }

    /** Reads the directory again if any file in it changed since the last read; returns whether it read. */
    public synchronized Optional<Reload> reloadIfChanged() throws IOException {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(reload());
    }

    /** Reads and validates the directory, then swaps in what is valid. */
    public synchronized Reload reload() throws IOException {
        fingerprint = fingerprint();
        ManifestLoader.Result loaded = loader.load(directory);
        ValidationReport report = validator.validate(loaded.manifests());
        List<Finding> found = new ArrayList<>();
        loaded.errors().forEach(e -> found.add(new Finding(e.file() + ":" + e.line(), null, null, e.message())));
        found.addAll(report.findings());
        Set<String> invalid = new TreeSet<>();
        report.findings().forEach(f -> invalid.add(f.object()));

        Map<String, Deployed> workflows = new LinkedHashMap<>();
        Map<String, Integration> integrationsRead = new LinkedHashMap<>();
        Set<String> changed = new TreeSet<>();
        for (Manifest manifest : loaded.manifests()) {
            if (invalid.contains(manifest.displayName())) {
                continue;
            }
            AdmissionResult admitted = admission.admit(manifest.object());
            if (!admitted.accepted()) {
                continue;
            }
            if ("Workflow".equals(manifest.kind())) {
                Workflow workflow = MAPPER.convertValue(admitted.object(), Workflow.class);
                String name = workflow.getMetadata().getName();
                String revision = revisionOf(workflow);
                byRevision.put(name + "@" + revision, workflow);
                Deployed previous = current.get(name);
                if (previous == null || !previous.revision().equals(revision)) {
                    changed.add(name);
                }
                workflows.put(name, new Deployed(workflow, revision));
            } else if ("Integration".equals(manifest.kind())) {
                Integration integration = MAPPER.convertValue(admitted.object(), Integration.class);
                integrationsRead.put(integration.getMetadata().getName(), integration);
            }
        }
        // an invalid workflow keeps its last good revision running
        for (Finding finding : report.findings()) {
            String name = finding.object() == null ? null : nameOf(finding.object());
            if (name != null && finding.object().startsWith("Workflow ") && !workflows.containsKey(name)
                    && current.containsKey(name)) {
                workflows.put(name, current.get(name));
            }
        }
        current = Map.copyOf(workflows);
        integrations = Map.copyOf(integrationsRead);
        problems = List.copyOf(found);
        return new Reload(new TreeSet<>(workflows.keySet()), changed, problems);
    }

    public Optional<Deployed> current(String name) {
        return Optional.ofNullable(current.get(name));
    }

    public Map<String, Deployed> all() {
        return current;
    }

    public Map<String, Integration> integrations() {
        return integrations;
    }

    /** What is wrong in the directory now, one finding per error with file, object and field path. */
    public List<Finding> problems() {
        return problems;
    }

    @Override
    public Optional<Workflow> revision(String name, String revision) {
        return Optional.ofNullable(byRevision.get(name + "@" + revision));
    }

    /** The revision of a workflow: a hash of its spec, the same in the operator and the runtime. */
    public static String revisionOf(Workflow workflow) {
        return Revisions.of(workflow.getSpec());
    }

    private static String nameOf(String displayName) {
        String rest = displayName.substring(displayName.indexOf(' ') + 1);
        return rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : rest;
    }

    private String fingerprint() throws IOException {
        if (!Files.exists(directory)) {
            return "missing";
        }
        Map<String, String> entries = new HashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.put(directory.relativize(file).toString(), Files.size(file) + ":" + Files.getLastModifiedTime(file)
                        + ":" + file.toRealPath());
            }
        }
        return new java.util.TreeMap<>(entries).toString();
    }
}
