package io.flowstack.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that speaks bytes, not HTTP: each accepted connection goes to the test's handler as it is, so a test can
 * answer with exactly the framing it wants to check (or misbehave: never read, drip, close while idle).
 */
final class RawServer implements AutoCloseable {
    interface Handler {
        void serve(Socket socket, RawServer server) throws Exception;
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();

    RawServer(Handler handler) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!socket.isClosed()) {
                Socket accepted;
                try {
                    accepted = socket.accept();
                } catch (IOException closed) {
                    return;
                }
                connections.incrementAndGet();
                threads.submit(() -> {
                    try (accepted) {
                        handler.serve(accepted, this);
                    } catch (Exception e) {
                        // the client went away: the test looks at what the client saw
                    }
                });
            }
        });
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Reads one request's head (and a body of the Content-Length it gives); null when the client closed. */
    String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != 0x0d0a0d0a && (b = in.read()) >= 0) {
            head.write(b);
            last4 = last4 << 8 | b;
        }
        if (last4 != 0x0d0a0d0a) {
            return null;
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
        String request = text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        requests.add(request);
        return request;
    }

    static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    static void write(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
