package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a pod template, made with the model's constructors and setters. The operator builds its Deployment and
 * StatefulSet on every reconcile; the model's fluent builders copy a subtree at each nesting level they close, which
 * made those two builds the largest part of a reconcile's CPU. Every list and map here is a fresh, mutable one.
 */
public final class PodParts {
    private PodParts() {
    }

    public static ObjectMeta labelled(String name, Map<String, String> labels) {
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setLabels(new LinkedHashMap<>(labels));
        return metadata;
    }

    public static LabelSelector selector(Map<String, String> labels) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(new LinkedHashMap<>(labels));
        return selector;
    }

    public static ContainerPort port(String name, int number) {
        ContainerPort port = new ContainerPort();
        port.setName(name);
        port.setContainerPort(number);
        port.setProtocol("TCP");
        return port;
    }

    public static EnvVar value(String name, String value) {
        EnvVar env = new EnvVar();
        env.setName(name);
        env.setValue(value);
        return env;
    }

    /** A variable from a Secret's key; {@code optional} null leaves the field out (the API's default: required). */
    public static EnvVar fromSecret(String name, String secret, String key, Boolean optional) {
        SecretKeySelector selector = new SecretKeySelector();
        selector.setName(secret);
        selector.setKey(key);
        selector.setOptional(optional);
        EnvVarSource source = new EnvVarSource();
        source.setSecretKeyRef(selector);
        EnvVar env = new EnvVar();
        env.setName(name);
        env.setValueFrom(source);
        return env;
    }

    /** Requests and limits; absent ones (null) are left out. */
    public static ResourceRequirements resources(Map<String, Quantity> requests, Map<String, Quantity> limits) {
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(requests == null ? null : new LinkedHashMap<>(requests));
        resources.setLimits(limits == null ? null : new LinkedHashMap<>(limits));
        return resources;
    }

    public static Probe httpProbe(String path, String port, int period, int timeout, int failureThreshold) {
        HTTPGetAction get = new HTTPGetAction();
        get.setPath(path);
        get.setPort(new IntOrString(port));
        get.setScheme("HTTP");
        Probe probe = new Probe();
        probe.setHttpGet(get);
        probe.setPeriodSeconds(period);
        probe.setTimeoutSeconds(timeout);
        probe.setFailureThreshold(failureThreshold);
        return probe;
    }

    public static Probe execProbe(List<String> command, int initialDelay, int period, int timeout) {
        ExecAction exec = new ExecAction();
        exec.setCommand(new ArrayList<>(command));
        Probe probe = new Probe();
        probe.setExec(exec);
        probe.setInitialDelaySeconds(initialDelay);
        probe.setPeriodSeconds(period);
        probe.setTimeoutSeconds(timeout);
        return probe;
    }

    public static VolumeMount mount(String volume, String path, Boolean readOnly) {
        VolumeMount mount = new VolumeMount();
        mount.setName(volume);
        mount.setMountPath(path);
        mount.setReadOnly(readOnly);
        return mount;
    }

    public static Volume emptyDir(String name) {
        Volume volume = new Volume();
        volume.setName(name);
        volume.setEmptyDir(new EmptyDirVolumeSource());
        return volume;
    }

    public static Volume projected(String name, int defaultMode, List<VolumeProjection> sources) {
        ProjectedVolumeSource projected = new ProjectedVolumeSource();
        projected.setDefaultMode(defaultMode);
        projected.setSources(sources);
        Volume volume = new Volume();
        volume.setName(name);
        volume.setProjected(projected);
        return volume;
    }

    /** The listed keys of a Secret; optional, so a missing Secret or key does not stop the pod. */
    public static VolumeProjection optionalSecret(String name, List<KeyToPath> items) {
        SecretProjection secret = new SecretProjection();
        secret.setName(name);
        secret.setItems(items);
        secret.setOptional(true);
        VolumeProjection projection = new VolumeProjection();
        projection.setSecret(secret);
        return projection;
    }

    public static VolumeProjection optionalConfigMap(String name) {
        ConfigMapProjection configMap = new ConfigMapProjection();
        configMap.setName(name);
        configMap.setOptional(true);
        VolumeProjection projection = new VolumeProjection();
        projection.setConfigMap(configMap);
        return projection;
    }
}
