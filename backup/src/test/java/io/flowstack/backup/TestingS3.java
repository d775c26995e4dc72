package io.flowstack.backup;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 API on loopback: s3proxy (filesystem backend) as a server process of its own, with signed requests
 * required, so wrong credentials are refused as by any S3 service.
 */
final class TestingS3 implements AutoCloseable {
    static final String ACCESS_KEY = "flowstack-test-access";
    static final String SECRET_KEY = "flowstack-test-secret-0123456789";
    private final Process process;
    private final int port;
    private final Path data;

    TestingS3() throws IOException, InterruptedException {
        this.data = Files.createTempDirectory("s3proxy-data");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        Path properties = data.resolveSibling(data.getFileName() + ".properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""));
        Path jar = Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
        }
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("s3proxy did not start on port " + port);
                }
                Thread.sleep(100);
            }
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    List<String> keys(String bucket) {
        try (S3Client s3 = client()) {
            return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).sorted().toList();
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
