package io.flowstack.runtime.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to a route, plain or TLS (the server's certificate checked against the trusted roots and the
 * host name). Used by one call at a time; between calls it waits in the pool.
 */
final class Connection {
    final Route route;
    private final Socket socket;
    private final OutputStream out;
    final ResponseReader reader;
    private volatile boolean closed;
    private long idleSince;

    private Connection(Route route, Socket socket) throws IOException {
        this.route = route;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new ResponseReader(socket);
    }

    /**
     * Opens a connection: TCP within {@code connectMillis}, then the TLS handshake for https (its reads bounded by
     * what is left of the call, {@code deadlineNanos}).
     */
    static Connection open(Route route, int connectMillis, long deadlineNanos, SSLSocketFactory tls, Call call)
            throws IOException {
        Socket socket = new Socket();
        call.watch(socket);
        try {
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress(route.address(), route.port()), Math.max(1, connectMillis));
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("could not connect to " + route.hostHeader() + " within "
                        + connectMillis + " ms");
            }
            if (!route.secure()) {
                return new Connection(route, socket);
            }
            SSLSocket tlsSocket = (SSLSocket) tls.createSocket(socket, route.address(), route.port(), true);
            call.watch(tlsSocket);
            SSLParameters parameters = tlsSocket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");   // the certificate must name the host
            tlsSocket.setSSLParameters(parameters);
            tlsSocket.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            tlsSocket.startHandshake();
            return new Connection(route, tlsSocket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    Socket socket() {
        return socket;
    }

    void write(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /** Marks the start of a wait in the pool. */
    void idle(long nanos) {
        idleSince = nanos;
    }

    /** Whether the connection carried a call before this one (a fresh connection has never been idle). */
    boolean reused() {
        return idleSince != 0;
    }

    long idleSince() {
        return idleSince;
    }

    boolean isClosed() {
        return closed || socket.isClosed();
    }

    void close() {
        closed = true;
        closeQuietly(socket);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
