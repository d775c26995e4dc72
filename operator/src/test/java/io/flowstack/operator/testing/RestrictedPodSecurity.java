package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks of the Pod Security Standard "restricted" profile (Kubernetes 1.25+), as the PodSecurity admission
 * controller applies them to a pod spec. Returns what violates the profile; empty means admitted.
 */
public final class RestrictedPodSecurity {
    private static final Set<String> ALLOWED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private RestrictedPodSecurity() {
    }

    public static List<String> violations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext = pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces");
        }
        for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            String type = volumeType(volume);
            if (!ALLOWED_VOLUME_TYPES.contains(type)) {
                violations.add("volume " + volume.getName() + " of type " + type);
            }
        }
        if (podContext != null && podContext.getSysctls() != null && !podContext.getSysctls().isEmpty()) {
            violations.add("sysctls");
        }
        boolean podNonRoot = podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
        boolean podSeccomp = podContext != null && allowedSeccomp(podContext.getSeccompProfile());
        if (podContext != null && podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
            violations.add("pod runAsUser 0");
        }
        if (podContext != null && podContext.getSeccompProfile() != null && !podSeccomp) {
            violations.add("pod seccompProfile " + podContext.getSeccompProfile().getType());
        }
        List<Container> containers = Stream.concat(
                pod.getContainers() == null ? Stream.empty() : pod.getContainers().stream(),
                pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream()).toList();
        for (Container container : containers) {
            String name = "container " + container.getName() + ": ";
            SecurityContext context = container.getSecurityContext();
            if (context == null) {
                violations.add(name + "no securityContext");
                continue;
            }
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                violations.add(name + "privileged");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(name + "allowPrivilegeEscalation must be false");
            }
            if (context.getCapabilities() == null || context.getCapabilities().getDrop() == null
                    || !context.getCapabilities().getDrop().contains("ALL")) {
                violations.add(name + "capabilities must drop ALL");
            }
            if (context.getCapabilities() != null && context.getCapabilities().getAdd() != null
                    && context.getCapabilities().getAdd().stream().anyMatch(c -> !c.equals("NET_BIND_SERVICE"))) {
                violations.add(name + "capabilities may only add NET_BIND_SERVICE");
            }
            boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podNonRoot;
            if (!nonRoot) {
                violations.add(name + "runAsNonRoot must be true");
            }
            if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
                violations.add(name + "runAsUser 0");
            }
            boolean seccomp = context.getSeccompProfile() != null ? allowedSeccomp(context.getSeccompProfile()) : podSeccomp;
            if (!seccomp) {
                violations.add(name + "seccompProfile must be RuntimeDefault or Localhost");
            }
            if (container.getPorts() != null && container.getPorts().stream().anyMatch(p -> p.getHostPort() != null
                    && p.getHostPort() != 0)) {
                violations.add(name + "hostPort");
            }
            if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
                violations.add(name + "procMount");
            }
        }
        return violations;
    }

    private static boolean allowedSeccomp(SeccompProfile profile) {
        return profile != null && ("RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType()));
    }

    private static String volumeType(Volume volume) {
        if (volume.getConfigMap() != null) {
            return "configMap";
        }
        if (volume.getSecret() != null) {
            return "secret";
        }
        if (volume.getEmptyDir() != null) {
            return "emptyDir";
        }
        if (volume.getPersistentVolumeClaim() != null) {
            return "persistentVolumeClaim";
        }
        if (volume.getProjected() != null) {
            return "projected";
        }
        if (volume.getDownwardAPI() != null) {
            return "downwardAPI";
        }
        if (volume.getCsi() != null) {
            return "csi";
        }
        if (volume.getEphemeral() != null) {
            return "ephemeral";
        }
        return volume.getHostPath() != null ? "hostPath" : "other";
    }
}
