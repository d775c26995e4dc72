package io.flowstack.crds.admission;

/** One reason an object is rejected, at a field path in Kubernetes' notation ({@code spec.steps[2].needs[0]}). */
public record FieldViolation(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
