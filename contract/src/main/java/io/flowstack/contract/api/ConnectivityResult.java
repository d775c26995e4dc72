package io.flowstack.contract.api;

/** POST /api/integrations/{name}/check: whether the service answered with the mounted credentials, and what it said. */
public record ConnectivityResult(String name, boolean connected, String message) {
}
