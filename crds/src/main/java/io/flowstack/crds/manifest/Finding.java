package io.flowstack.crds.manifest;

/** One error in one object of a file, at a field path. */
public record Finding(String location, String object, String path, String message) {
    /** One line: {@code file:line: Kind ns/name: path: message}. */
    public String format() {
        StringBuilder line = new StringBuilder(location).append(": ");
        if (object != null) {
            line.append(object).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            line.append(path).append(": ");
        }
        return line.append(message).toString();
    }
}
