package io.flowstack.runtime;

import io.flowstack.backup.BackupMain;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The runtime image's entry point: with no arguments the Flowstack runtime (the service); with {@code backup},
 * {@code verify}, {@code restore} or {@code list} the backup program of the operator's backup and drill Jobs, which
 * runs and exits without starting the service. One image serves the workload and its jobs.
 */
@QuarkusMain
public final class RuntimeMain {
    private RuntimeMain() {
    }

    public static void main(String... args) {
        if (BackupMain.handles(args)) {
            BackupMain.main(args);
            return;
        }
        Quarkus.run(args);
    }
}
