package io.flowstack.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream that gathers what is written into chunks of a fixed size and hands each full one on: the sealed segments
 * of {@link SegmentedCipher} and the multipart parts of {@link S3Store}. Memory holds one chunk.
 */
abstract class ChunkedOutputStream extends OutputStream {
    private final int size;
    private final ByteArrayOutputStream chunk;

    ChunkedOutputStream(int size) {
        this.size = size;
        this.chunk = new ByteArrayOutputStream(size);
    }

    /** Hands on a chunk: a full one, or at the end what is left (possibly nothing). */
    abstract void chunk(byte[] bytes) throws IOException;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, size - chunk.size());
            chunk.write(bytes, offset, n);
            offset += n;
            length -= n;
            if (chunk.size() == size) {
                handOn();
            }
        }
    }

    /** Bytes gathered and not handed on yet. */
    int pending() {
        return chunk.size();
    }

    /** Hands on what is gathered, full or not. */
    void handOn() throws IOException {
        byte[] bytes = chunk.toByteArray();
        chunk.reset();
        chunk(bytes);
    }
}
