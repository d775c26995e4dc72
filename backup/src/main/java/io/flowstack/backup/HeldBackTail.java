package io.flowstack.backup;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes on except the last {@code held} of them, which it keeps until {@link #release()}. Fed into pg_restore,
 * it keeps the restore from reaching its end, and so from committing, until the whole stored object has been read and
 * checked: an object found altered or truncated at its end is never restored, although its bytes were streamed.
 */
final class HeldBackTail extends OutputStream {
    private final OutputStream out;
    private final byte[] tail;
    private int count;
    private boolean released;

    HeldBackTail(OutputStream out, int held) {
        if (held < 1) {
            throw new IllegalArgumentException("at least one byte must be held back");
        }
        this.out = out;
        this.tail = new byte[held];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (released) {
            throw new IOException("the tail was released: nothing more can be written");
        }
        int excess = count + len - tail.length;
        if (excess > 0) {
            int fromTail = Math.min(excess, count);
            out.write(tail, 0, fromTail);
            System.arraycopy(tail, fromTail, tail, 0, count - fromTail);
            count -= fromTail;
            int fromInput = excess - fromTail;
            out.write(b, off, fromInput);
            off += fromInput;
            len -= fromInput;
        }
        System.arraycopy(b, off, tail, count, len);
        count += len;
    }

    /** How many bytes are held back now. */
    int held() {
        return count;
    }

    /** Writes the held bytes and closes the stream below: the reader may now reach its end. */
    void release() throws IOException {
        released = true;
        try (out) {
            out.write(tail, 0, count);
        }
    }

    /** Without {@link #release()}, closing writes nothing more: the reader never sees the end. */
    @Override
    public void close() {
        released = true;
    }
}
