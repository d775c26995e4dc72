package io.flowstack.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the kubelet does for the runtime pod, against the API server stand-in: resolves the container's environment
 * (values and secretKeyRefs) and keeps its projected volumes (ConfigMaps and Secret items, optional sources skipped
 * while missing) in directories, written the way the kubelet's atomic writer does: a timestamped directory, a
 * {@code ..data} symlink swapped in one rename, and one symlink per top-level entry. Volumes sync every 200 ms (the
 * real kubelet takes up to a minute).
 */
final class TestingKubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final String deployment;
    private final Path root;
    private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Map<String, byte[]>> written = new TreeMap<>();
    private long generation;

    TestingKubelet(KubernetesClient client, String namespace, String deployment, Path root) {
        this.client = client;
        this.namespace = namespace;
        this.deployment = deployment;
        this.root = root;
    }

    /** Where a container path is mounted on this machine. */
    Path hostPath(String mountPath) {
        return root.resolve(mountPath.substring(1));
    }

    TestingKubelet start() {
        syncVolumes();
        sync.scheduleWithFixedDelay(this::syncVolumes, 200, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The container's environment as the kubelet would give it, mount paths pointing at their host directories. */
    Map<String, String> environment(String containerName) {
        Container container = container(containerName);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            String value = variable.getValue();
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
                Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
                String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
                if (encoded == null) {
                    if (Boolean.TRUE.equals(ref.getOptional())) {
                        continue;
                    }
                    throw new IllegalStateException("pod cannot start: Secret " + ref.getName() + " has no key " + ref.getKey());
                }
                value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            }
            for (VolumeMount mount : container.getVolumeMounts()) {
                if (mount.getMountPath().equals(value)) {
                    value = hostPath(value).toString();
                }
            }
            env.put(variable.getName(), value);
        }
        return env;
    }

    private Container container(String name) {
        Deployment current = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        return current.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private synchronized void syncVolumes() {
        try {
            Deployment current = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
            if (current == null) {
                return;
            }
            Container container = current.getSpec().getTemplate().getSpec().getContainers().get(0);
            for (VolumeMount mount : container.getVolumeMounts()) {
                Volume volume = current.getSpec().getTemplate().getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                if (volume.getProjected() != null) {
                    Map<String, byte[]> files = projected(volume);
                    Map<String, byte[]> before = written.get(mount.getMountPath());
                    if (before == null || !same(before, files)) {
                        writeAtomically(hostPath(mount.getMountPath()), files);
                        written.put(mount.getMountPath(), files);
                    }
                }
            }
        } catch (RuntimeException e) {
            // the API server stand-in is going away at the end of a test
        }
    }

    private Map<String, byte[]> projected(Volume volume) {
        Map<String, byte[]> files = new TreeMap<>();
        for (VolumeProjection source : volume.getProjected().getSources()) {
            if (source.getConfigMap() != null) {
                ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(source.getConfigMap().getName())
                        .get();
                if (configMap == null) {
                    continue;   // optional and missing
                }
                Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
                data.forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
            } else if (source.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(source.getSecret().getName()).get();
                if (secret == null) {
                    continue;
                }
                Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
                for (KeyToPath item : source.getSecret().getItems()) {
                    if (data.containsKey(item.getKey())) {
                        files.put(item.getPath(), Base64.getDecoder().decode(data.get(item.getKey())));
                    }
                }
            }
        }
        return files;
    }

    private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    /** The kubelet's atomic writer: new timestamped directory, {@code ..data} swapped by rename, top-level links. */
    private void writeAtomically(Path directory, Map<String, byte[]> files) {
        try {
            Files.createDirectories(directory);
            Path version = directory.resolve("..version-" + (++generation));
            Files.createDirectories(version);
            Set<String> topLevel = new TreeSet<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = version.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
                topLevel.add(file.getKey().split("/")[0]);
            }
            Path data = directory.resolve("..data");
            Path previous = Files.isSymbolicLink(data) ? directory.resolve(Files.readSymbolicLink(data)) : null;
            Path link = directory.resolve("..data_tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, version.getFileName());
            Files.move(link, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String name : topLevel) {
                Path entry = directory.resolve(name);
                if (!Files.isSymbolicLink(entry)) {
                    Files.createSymbolicLink(entry, Path.of("..data").resolve(name));
                }
            }
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (!name.startsWith("..") && !topLevel.contains(name)) {
                        Files.delete(entry);
                    }
                }
            }
            if (previous != null && !previous.equals(version)) {
                delete(previous);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() {
        sync.shutdownNow();
    }
}
