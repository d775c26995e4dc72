package io.flowstack.runtime.http;

import java.net.URI;

/** Where a call's connection goes: TLS or not, host and port. Connections are pooled by route. */
record Route(boolean secure, String host, int port) {
    static Route of(URI uri) {
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
        return new Route(secure, uri.getHost().toLowerCase(java.util.Locale.ROOT), port);
    }

    /** The host to connect to: an IPv6 literal without its brackets. */
    String address() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The Host header's value: the port only when it is not the scheme's default. */
    String hostHeader() {
        return port == (secure ? 443 : 80) ? host : host + ":" + port;
    }
}
