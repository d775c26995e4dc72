package io.flowstack.operator.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Which build of the operator runs: its version and the time it was built, as the build wrote them into
 * {@value #RESOURCE}. Two processes of one build share the identity; any other build (new code, the same code built
 * again) has another one. Without the resource (a build that did not filter it) every process is its own build: what
 * it made is never taken for what another process made.
 */
public final class OperatorBuild {
    static final String RESOURCE = "flowstack-operator-build.properties";
    private static final Logger LOG = Logger.getLogger(OperatorBuild.class);
    private static final String IDENTITY = read();

    private OperatorBuild() {
    }

    /** This build's identity: "version built-at". */
    public static String identity() {
        return IDENTITY;
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = OperatorBuild.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            LOG.warnf("could not read %s: %s", RESOURCE, e.getMessage());
        }
        String version = properties.getProperty("version", "");
        String built = properties.getProperty("built", "");
        if (version.isBlank() || built.isBlank() || built.contains("${")) {
            LOG.warnf("%s is missing or unfiltered: this process counts as a build of its own", RESOURCE);
            return "unknown " + UUID.randomUUID();
        }
        return version + " " + built;
    }
}
