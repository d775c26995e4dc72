package io.flowstack.contract.api;

/** An error in the runtime's definitions directory: file and line, object, field path, message. */
public record DefinitionProblem(String location, String object, String field, String message) {
}
