package io.flowstack.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A copy whose reading (download, hash, decryption) runs on a thread of its own, a few chunks ahead of the writing:
 * while the writer waits for pg_restore to take the next chunk, the next ones are being made ready, so the two
 * overlap instead of taking turns. Memory: {@code CHUNKS} chunks of {@code CHUNK} bytes, used again and again.
 */
final class ReadAhead {
    static final int CHUNK = 1 << 20;
    static final int CHUNKS = 8;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final InputStream in;
    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private volatile IOException readFailure;

    private ReadAhead(InputStream in) {
        this.in = in;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
    }

    /**
     * Copies all of {@code in} to {@code out}. A failure to read is thrown as it was (its own IOException type); a
     * failure to write stops the reading. Either way the reading thread has ended when this returns, so the input
     * may be read on (e.g. drained) by the caller.
     */
    static long copy(InputStream in, OutputStream out) throws IOException {
        return new ReadAhead(in).run(out);
    }

    private long run(OutputStream out) throws IOException {
        Thread reader = new Thread(this::read, "restore-read-ahead");
        reader.setDaemon(true);
        reader.start();
        long total = 0;
        try {
            Chunk chunk;
            while ((chunk = ready.take()) != END) {
                out.write(chunk.bytes(), 0, chunk.length());
                total += chunk.length();
                free.add(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the copy was interrupted");
        } finally {
            reader.interrupt();
            joinUninterruptibly(reader);
        }
        if (readFailure != null) {
            throw readFailure;
        }
        return total;
    }

    private void read() {
        try {
            int n;
            do {
                byte[] buffer = free.take();
                n = in.readNBytes(buffer, 0, CHUNK);
                if (n > 0) {
                    ready.put(new Chunk(buffer, n));
                }
            } while (n == CHUNK);
        } catch (IOException e) {
            readFailure = e;
        } catch (RuntimeException e) {
            readFailure = new IOException(e.toString(), e);
        } catch (InterruptedException e) {
            return;   // the writer gave up
        }
        ready.add(END);   // room: at most CHUNKS chunks are out at once
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
