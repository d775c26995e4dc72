package io.flowstack.backup;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups in an S3-compatible bucket. A backup is uploaded as a multipart upload in 8 MiB parts while it is being made
 * (one part in memory at a time, however large the database); an upload that fails is aborted, so no partial object
 * is left. Errors are translated into messages that name the bucket and what went wrong, never a credential.
 */
public final class S3Store implements BackupStore {
    static final int PART = 8 << 20;
    private final S3Client s3;
    private final String bucket;
    private final String endpoint;

    public S3Store(String endpoint, String region, String bucket, boolean pathStyle, String accessKeyId,
                   String secretAccessKey) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                        secretAccessKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle)
                        .chunkedEncodingEnabled(false).build())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(java.time.Duration.ofSeconds(10))
                        .socketTimeout(java.time.Duration.ofSeconds(60)).build());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.s3 = builder.build();
        this.bucket = bucket;
        this.endpoint = endpoint == null || endpoint.isBlank() ? "AWS S3 (" + region + ")" : endpoint;
    }

    @Override
    public Upload create(String key) throws IOException {
        String uploadId = call("start uploading " + key, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType("application/octet-stream")).uploadId());
        return new MultipartUpload(key, uploadId);
    }

    /** One multipart upload: parts of {@link #PART} bytes sent as they fill, completed or aborted at the end. */
    private final class MultipartUpload extends ChunkedOutputStream implements Upload {
        private final String key;
        private final String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        private boolean completed;

        MultipartUpload(String key, String uploadId) {
            super(PART);
            this.key = key;
            this.uploadId = uploadId;
        }

        @Override
        public OutputStream stream() {
            return this;
        }

        @Override
        void chunk(byte[] content) throws IOException {
            int number = parts.size() + 1;
            String etag = call("upload part " + number + " of " + key, () -> s3.uploadPart(b -> b.bucket(bucket)
                    .key(key).uploadId(uploadId).partNumber(number), RequestBody.fromBytes(content)).eTag());
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }

        @Override
        public void complete() throws IOException {
            if (pending() > 0 || parts.isEmpty()) {
                handOn();
            }
            call("complete the upload of " + key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
            completed = true;
        }

        /** Aborts an upload that did not complete (closing the stream itself sends nothing). */
        @Override
        public void close() {
            if (!completed) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                } catch (SdkException ignored) {
                    // the bucket's lifecycle rules clean up what an abort could not
                }
            }
        }
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        call("write " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(content)));
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException("no object " + key + " in bucket " + bucket);
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = call("list " + prefix, () -> s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(prefix).continuationToken(continuation).build()));
            for (S3Object object : page.contents()) {
                objects.add(new StoredObject(object.key(), object.size()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        objects.sort(java.util.Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public void delete(String key) throws IOException {
        call("delete " + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public String describe() {
        return "bucket " + bucket + " at " + endpoint;
    }

    private interface S3Call<T> {
        T run();
    }

    private <T> T call(String what, S3Call<T> action) throws IOException {
        try {
            return action.run();
        } catch (SdkException e) {
            throw failure(what, e);
        }
    }

    /** A message a person can act on: unreachable endpoint, missing bucket, refused credentials, or the service's code. */
    private IOException failure(String what, SdkException e) {
        String why;
        if (e instanceof S3Exception s3e) {
            String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
            why = switch (code == null ? "" : code) {
                case "NoSuchBucket" -> "bucket " + bucket + " does not exist";
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidSecurity" ->
                        "the credentials were refused (" + code + ")";
                default -> "the service answered " + s3e.statusCode() + (code == null ? "" : " " + code);
            };
        } else if (e instanceof SdkClientException) {
            why = "cannot reach " + endpoint + ": " + rootCause(e);
        } else {
            why = e.getClass().getSimpleName();
        }
        return new IOException("cannot " + what + " in " + describe() + ": " + why, e);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }
}
