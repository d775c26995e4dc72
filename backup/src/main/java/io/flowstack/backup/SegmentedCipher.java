package io.flowstack.backup;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over a stream of any length in constant memory: the plaintext is sealed in segments of 16 KiB, each
 * with its own nonce (a random prefix and the segment's number) and authenticated with its number and whether it is
 * the last one. A reordered, altered or dropped segment fails authentication, and a stream that ends without its last
 * segment is reported as truncated. (One GCM operation over the whole dump would have to hold all of it in memory to
 * check its tag before releasing a byte.) Segments are small because the JVM compiles the cipher's intrinsic code
 * only after many calls: with 1 MiB segments a short-lived backup Job encrypted its first few hundred MiB at a tenth
 * of the speed (measured: 300 MiB in 4.7 s cold with 1 MiB segments, 1.5 s with 16 KiB; 0.18 s warm).
 *
 * <p>Layout: magic {@code FSB1}, 8-byte key id, 7-byte nonce prefix, then segments, each a 4-byte length (high bit:
 * last segment) and the ciphertext with its 16-byte tag.
 */
public final class SegmentedCipher {
    static final int SEGMENT = 1 << 14;
    private static final byte[] MAGIC = "FSB1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = 128;
    private static final int LAST = 0x8000_0000;
    private final SecretKeySpec key;
    private final byte[] keyId;

    /** Raised when a stream cannot be opened: wrong key, altered or truncated data; the message says which. */
    public static final class Unreadable extends IOException {
        public Unreadable(String message) {
            super(message);
        }
    }

    public SegmentedCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the backup key must be 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId(key);
    }

    /** A short, public fingerprint of a key (first 8 bytes of its SHA-256), kept in manifests. */
    public static byte[] keyId(byte[] key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    /** Seals what is written to the returned stream into {@code out}; closing it writes the last segment. */
    public OutputStream encrypt(OutputStream out) throws IOException {
        byte[] prefix = new byte[7];
        new SecureRandom().nextBytes(prefix);
        out.write(MAGIC);
        out.write(keyId);
        out.write(prefix);
        return new Sealing(out, prefix);
    }

    /** Opens a stream sealed by {@link #encrypt}; reading past a bad segment throws {@link Unreadable}. */
    public InputStream decrypt(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[MAGIC.length + 8 + 7];
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new Unreadable("the backup object is truncated: it ends inside its header");
        }
        if (!Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new Unreadable("the backup object is not an encrypted Flowstack backup (or its header was altered)");
        }
        byte[] storedKeyId = Arrays.copyOfRange(header, MAGIC.length, MAGIC.length + 8);
        if (!Arrays.equals(storedKeyId, keyId)) {
            throw new Unreadable("undecryptable: the backup was encrypted with key " + HexFormat.of()
                    .formatHex(storedKeyId) + ", the key given is " + keyIdHex() + " (wrong key)");
        }
        return new Opening(data, Arrays.copyOfRange(header, MAGIC.length + 8, header.length));
    }

    private Cipher cipher(int mode, byte[] prefix, long segment, boolean last) throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).put(prefix).put((byte) 0).putInt((int) segment).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(ByteBuffer.allocate(9).putLong(segment).put((byte) (last ? 1 : 0)).array());
        return cipher;
    }

    private final class Sealing extends ChunkedOutputStream {
        private final OutputStream out;
        private final byte[] prefix;
        private long segment;
        private boolean last;
        private boolean closed;

        Sealing(OutputStream out, byte[] prefix) {
            super(SEGMENT);
            this.out = out;
            this.prefix = prefix;
        }

        @Override
        void chunk(byte[] plain) throws IOException {
            try {
                byte[] sealed = cipher(Cipher.ENCRYPT_MODE, prefix, segment++, last).doFinal(plain);
                out.write(ByteBuffer.allocate(4).putInt(sealed.length | (last ? LAST : 0)).array());
                out.write(sealed);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt: " + e.getMessage(), e);
            }
        }

        /** Seals what is left (possibly nothing) as the last segment. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                last = true;
                handOn();
                out.close();
            }
        }
    }

    private final class Opening extends InputStream {
        private final DataInputStream in;
        private final byte[] prefix;
        private byte[] plain = new byte[0];
        private int position;
        private long segment;
        private boolean done;

        Opening(DataInputStream in, byte[] prefix) {
            this.in = in;
            this.prefix = prefix;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            while (position == plain.length) {
                if (done) {
                    return -1;
                }
                next();
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, bytes, offset, n);
            position += n;
            return n;
        }

        private void next() throws IOException {
            int header;
            try {
                header = in.readInt();
            } catch (EOFException e) {
                throw new Unreadable("the backup object is truncated: it ends after " + segment
                        + " segment(s) without its last one");
            }
            boolean last = (header & LAST) != 0;
            int length = header & ~LAST;
            if (length < TAG_BITS / 8 || length > SEGMENT + TAG_BITS / 8) {
                throw new Unreadable("the backup object is altered: segment " + segment + " has an impossible length");
            }
            byte[] sealed = new byte[length];
            try {
                in.readFully(sealed);
            } catch (EOFException e) {
                throw new Unreadable("the backup object is truncated: segment " + segment + " is cut short");
            }
            try {
                plain = cipher(Cipher.DECRYPT_MODE, prefix, segment, last).doFinal(sealed);
            } catch (AEADBadTagException e) {
                throw new Unreadable("the backup object is altered: segment " + segment + " fails authentication");
            } catch (GeneralSecurityException e) {
                throw new Unreadable("the backup object cannot be decrypted: " + e.getMessage());
            }
            position = 0;
            segment++;
            done = last;
            if (last && in.read() >= 0) {
                throw new Unreadable("the backup object is altered: data follows its last segment");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
