package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two parts of a streamed restore: the held-back tail and the read-ahead copy. */
class StreamingRestoreTest {
    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void theTailIsHeldBackUntilReleasedWhateverTheSizesOfTheWrites() throws Exception {
        byte[] data = random(100_000);
        for (int write : new int[] {1, 7, 999, 4096, 65_536, 100_000}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HeldBackTail tail = new HeldBackTail(out, 5000);
            for (int off = 0; off < data.length; off += write) {
                tail.write(data, off, Math.min(write, data.length - off));
                assertThat(out.size() + tail.held()).isEqualTo(Math.min(off + write, data.length));
            }
            assertThat(out.size()).as("writes of %d", write).isEqualTo(data.length - 5000);
            tail.release();
            assertThat(out.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void closedWithoutReleaseTheTailNeverReachesTheReader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HeldBackTail tail = new HeldBackTail(out, 10);
        tail.write(random(25));
        tail.close();
        assertThat(out.size()).isEqualTo(15);
        assertThatThrownBy(() -> tail.write(1)).hasMessageContaining("released");
    }

    @Test
    void readAheadCopiesEverythingInOrder() throws Exception {
        byte[] data = random(5 * ReadAhead.CHUNK + 12_345);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ReadAhead.copy(new ByteArrayInputStream(data), out)).isEqualTo(data.length);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(ReadAhead.copy(new ByteArrayInputStream(new byte[0]), out)).isZero();
    }

    @Test
    void aReadFailureIsThrownAsItWasAfterWhatCameBefore() {
        byte[] data = random(3 * ReadAhead.CHUNK);
        InputStream failing = new InputStream() {
            private int read;

            @Override
            public int read() throws IOException {
                if (read == data.length) {
                    throw new SegmentedCipher.Unreadable("segment 4 does not authenticate");
                }
                return data[read++] & 0xff;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> ReadAhead.copy(failing, out)).isInstanceOf(SegmentedCipher.Unreadable.class)
                .hasMessage("segment 4 does not authenticate");
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void aWriteFailureStopsTheReaderBeforeTheCopyReturns() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 1);
                return len;
            }
        };
        OutputStream broken = new OutputStream() {
            private int writes;

            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++writes == 3) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        assertThatThrownBy(() -> ReadAhead.copy(endless, broken)).hasMessage("Broken pipe");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("restore-read-ahead"));
    }
}
