package io.flowstack.crds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository that tests compare with what the build generates. */
public final class RepoFiles {
    /** Set (to anything) to have the drift tests rewrite the committed copies instead of failing. */
    public static final String UPDATE_PROPERTY = "flowstack.update-generated";

    private RepoFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("flowstack.repo.root");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("crds/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + start);
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean updating() {
        return System.getProperty(UPDATE_PROPERTY) != null;
    }

    /** Writes a generated file into the repository (only when {@link #updating()}). */
    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
