package io.flowstack.operator.backup.desired;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.PodSecurity;
import java.util.List;

/**
 * The scratch PostgreSQL of a restore drill: a native sidecar (an init container that keeps running, Kubernetes
 * 1.29+) in the drill's pod, listening on loopback only, its data in an emptyDir that goes with the pod. It is never the
 * tenant's server, and it stops when the drill ends.
 */
final class ScratchDatabase {
    static final int PORT = 5432;
    static final String VERSION = "17";

    private ScratchDatabase() {
    }

    static Container sidecar(OperatorSettings settings) {
        return new ContainerBuilder()
                .withName("scratch-postgres")
                .withImage(settings.postgresImage(VERSION))
                .withRestartPolicy("Always")
                .withArgs("-c", "listen_addresses=127.0.0.1", "-c", "fsync=off")
                .withEnv(new EnvVarBuilder().withName("POSTGRES_HOST_AUTH_METHOD").withValue("trust").build(),
                        new EnvVarBuilder().withName("PGDATA").withValue("/var/lib/postgresql/data/pgdata").build())
                .withSecurityContext(new SecurityContextBuilder(PodSecurity.container())
                        .withRunAsUser(BackupJobDesired.POSTGRES_UID).withRunAsGroup(BackupJobDesired.POSTGRES_UID)
                        .build())
                .withNewStartupProbe().withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-p",
                        Integer.toString(PORT)).endExec().withPeriodSeconds(2).withFailureThreshold(60).endStartupProbe()
                .addNewVolumeMount().withName("scratch-data").withMountPath("/var/lib/postgresql/data").endVolumeMount()
                .addNewVolumeMount().withName("scratch-run").withMountPath("/var/run/postgresql").endVolumeMount()
                .addNewVolumeMount().withName("scratch-tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }

    static List<Volume> volumes() {
        return List.of(new VolumeBuilder().withName("scratch-data").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("scratch-run").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("scratch-tmp").withNewEmptyDir().endEmptyDir().build());
    }
}
