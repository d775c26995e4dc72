package io.flowstack.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Where backups live: an S3-compatible bucket or a directory (a mounted volume). Keys are relative paths. */
public interface BackupStore {
    /** A stored object's key and size. */
    record StoredObject(String key, long size) {
    }

    /** An object being written: it exists for readers only once {@link #complete()} returned. */
    interface Upload extends AutoCloseable {
        OutputStream stream();

        /** Makes the object visible; after a failure nothing of it is left behind. */
        void complete() throws IOException;

        /** Removes whatever was written, when the upload did not complete. */
        @Override
        void close();
    }

    Upload create(String key) throws IOException;

    /** Writes a small object at once. */
    void put(String key, byte[] content) throws IOException;

    /** Reads an object; {@link java.io.FileNotFoundException} when it is missing. */
    InputStream open(String key) throws IOException;

    /** Every object whose key starts with the prefix, in key order. */
    List<StoredObject> list(String prefix) throws IOException;

    void delete(String key) throws IOException;

    /** Where the store is, for messages: never a credential. */
    String describe();
}
