package io.flowstack.crds.admission;

import java.util.regex.Pattern;

/** Field paths in the notation the API server uses in its errors. */
public final class Paths {
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private Paths() {
    }

    public static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** A key of a map: {@code headers[Content-Type]}. */
    public static String key(String parent, String key) {
        return parent + "[" + key + "]";
    }

    /**
     * Appends a CEL rule's fieldPath ({@code .connectionSecretRef}, {@code ['key']}) to the path of the node that
     * declares the rule.
     */
    public static String appendRulePath(String parent, String fieldPath) {
        if (fieldPath == null || fieldPath.isEmpty()) {
            return parent;
        }
        String suffix = fieldPath.replaceAll("\\['([^']*)'\\]", ".$1");
        if (suffix.startsWith(".")) {
            suffix = suffix.substring(1);
        }
        return parent.isEmpty() ? suffix : parent + "." + suffix;
    }

    static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }
}
