package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/** Security contexts that meet the restricted Pod Security Standard. */
public final class PodSecurity {
    private PodSecurity() {
    }

    public static PodSecurityContext pod(long uid) {
        PodSecurityContext context = new PodSecurityContext();
        context.setRunAsNonRoot(true);
        context.setRunAsUser(uid);
        context.setRunAsGroup(uid);
        context.setFsGroup(uid);
        context.setSeccompProfile(runtimeDefault());
        return context;
    }

    public static SecurityContext container() {
        Capabilities capabilities = new Capabilities();
        capabilities.setDrop(new ArrayList<>(List.of("ALL")));
        SecurityContext context = new SecurityContext();
        context.setRunAsNonRoot(true);
        context.setAllowPrivilegeEscalation(false);
        context.setReadOnlyRootFilesystem(true);
        context.setPrivileged(false);
        context.setCapabilities(capabilities);
        context.setSeccompProfile(runtimeDefault());
        return context;
    }

    private static SeccompProfile runtimeDefault() {
        SeccompProfile profile = new SeccompProfile();
        profile.setType("RuntimeDefault");
        return profile;
    }
}
