package io.flowstack.backup;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Backups in a directory (the PersistentVolumeClaim target). An object is written to a hidden temporary file, flushed
 * to disk and renamed into place, so a crash or a full volume never leaves a half-written backup under its name.
 */
public final class DirectoryStore implements BackupStore {
    private final Path root;

    public DirectoryStore(Path root) {
        this.root = root;
    }

    @Override
    public Upload create(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + ".partial");
        OutputStream out = Files.newOutputStream(temporary);
        return new Upload() {
            private boolean completed;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public void complete() throws IOException {
                out.close();
                try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
                completed = true;
            }

            @Override
            public void close() {
                if (!completed) {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // the write already failed; the partial file goes next
                    }
                    try {
                        Files.deleteIfExists(temporary);
                    } catch (IOException ignored) {
                        // a full or read-only volume: the hidden partial file is ignored by list()
                    }
                }
            }
        };
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        try (Upload upload = create(key)) {
            upload.stream().write(content);
            upload.complete();
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("no object " + key + " in " + describe());
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return objects;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String key = root.relativize(file).toString().replace('\\', '/');
                if (key.startsWith(prefix) && !file.getFileName().toString().startsWith(".")) {
                    objects.add(new StoredObject(key, Files.size(file)));
                }
            }
        }
        return objects;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public String describe() {
        return "directory " + root;
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root.normalize())) {
            throw new IllegalArgumentException("key " + key + " leaves the backup directory");
        }
        return path;
    }
}
