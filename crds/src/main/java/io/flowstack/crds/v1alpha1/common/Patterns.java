package io.flowstack.crds.v1alpha1.common;

/** Regular expressions shared by the schema annotations and the semantic validator. */
public final class Patterns {
    /** A Kubernetes resource quantity, as accepted by the API server (e.g. {@code 500m}, {@code 2Gi}). */
    public static final String QUANTITY = "^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$";
    /** An RFC 1123 label: namespaces, Secret and ConfigMap names used as volume sources. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** An RFC 1123 subdomain: names of most Kubernetes objects. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** A Go-style duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
    public static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
    /** A name that can be used as an identifier in expressions ({@code steps.<name>.output}). */
    public static final String IDENTIFIER = "^[a-zA-Z_][a-zA-Z0-9_]*$";
    /** A key of a Secret's data. */
    public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";
    /** An environment variable name. */
    public static final String ENV_NAME = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";
    /** An http(s) URL. */
    public static final String HTTP_URL = "^https?://[^\\s/$.?#][^\\s]*$";

    private Patterns() {
    }
}
