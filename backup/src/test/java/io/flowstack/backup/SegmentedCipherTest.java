package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sealed segments: any length round-trips; truncation, alteration and a wrong key are told apart. */
class SegmentedCipherTest {
    private final SegmentedCipher cipher = new SegmentedCipher(TestingJob.KEY);

    private byte[] seal(byte[] plain) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = cipher.encrypt(sealed)) {
            out.write(plain);
        }
        return sealed.toByteArray();
    }

    private static byte[] open(SegmentedCipher with, byte[] sealed) throws IOException {
        try (InputStream in = with.decrypt(new ByteArrayInputStream(sealed))) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyLengthRoundTrips() throws IOException {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 4095, SegmentedCipher.SEGMENT, SegmentedCipher.SEGMENT + 1,
                3 * SegmentedCipher.SEGMENT + 12345}) {
            byte[] plain = new byte[length];
            random.nextBytes(plain);
            assertThat(open(cipher, seal(plain))).as("%d bytes", length).isEqualTo(plain);
        }
    }

    @Test
    void aCutStreamIsTruncatedWhereverItIsCut() throws IOException {
        byte[] sealed = seal(new byte[2 * SegmentedCipher.SEGMENT + 100]);
        int firstSegmentEnd = 4 + 8 + 7 + 4 + SegmentedCipher.SEGMENT + 16;
        for (int cut : new int[] {10, 100, firstSegmentEnd, firstSegmentEnd + 2, sealed.length - 1}) {
            assertThatThrownBy(() -> open(cipher, Arrays.copyOf(sealed, cut))).as("cut at %d", cut)
                    .isInstanceOf(SegmentedCipher.Unreadable.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void oneAlteredByteIsAlteredAndAnotherKeyIsTheWrongKey() throws IOException {
        byte[] sealed = seal(new byte[SegmentedCipher.SEGMENT + 10]);
        for (int position : new int[] {40, SegmentedCipher.SEGMENT / 2, sealed.length - 3}) {
            byte[] altered = sealed.clone();
            altered[position] ^= 1;
            assertThatThrownBy(() -> open(cipher, altered)).as("byte %d", position)
                    .isInstanceOf(SegmentedCipher.Unreadable.class).hasMessageContaining("altered");
        }
        byte[] otherKey = TestingJob.KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> open(new SegmentedCipher(otherKey), sealed))
                .isInstanceOf(SegmentedCipher.Unreadable.class).hasMessageContaining("wrong key");
    }
}
