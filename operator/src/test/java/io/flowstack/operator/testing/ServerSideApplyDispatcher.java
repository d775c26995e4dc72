package io.flowstack.operator.testing;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fabric8 CRUD mock server plus what a real API server does for server-side apply, which the mock lacks: an apply
 * patch creates a missing object or merges into the live one, records {@code managedFields} per field manager (one
 * Apply entry per manager and subresource), removes fields its manager stopped applying, and writes nothing when the
 * apply changes nothing. It also counts write requests, so tests can assert a steady state costs no writes.
 */
public class ServerSideApplyDispatcher extends KubernetesCrudDispatcher {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    /**
     * Field sets of status appliers, by object path and manager: the mock's /status write stores only .status, so they
     * are kept here, where the API server would keep them as managedFields entries with subresource status.
     */
    private final Map<String, Map<String, JsonNode>> statusFields = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> writesByKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requestsByVerb = new ConcurrentHashMap<>();
    /**
     * The stored objects by path, mirrored from the outcome of every write (all writes pass through here), so an apply
     * finds its object by key, as the API server does, instead of scanning the mock's whole store. A path whose
     * outcome is not known exactly (after a delete or a status write) is looked up in the store again.
     */
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final java.util.Set<String> unsure = ConcurrentHashMap.newKeySet();
    /** Whether a path not in the mirror is known to be absent: true until the first delete. */
    private volatile boolean trustAbsence = true;

    /** The mock's store, indexed by plural and name (see {@link IndexedStore}). */
    private final IndexedStore store = new IndexedStore();

    public ServerSideApplyDispatcher(List<CustomResourceDefinitionContext> crds) {
        super(crds);
        try {
            java.lang.reflect.Field map = io.fabric8.mockwebserver.crud.CrudDispatcher.class.getDeclaredField("map");
            map.setAccessible(true);
            map.set(this, java.util.Collections.synchronizedMap(store));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot index the mock's store", e);
        }
    }

    /** The object a query names, found through the index; the mock's scan when the index cannot answer. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        List<AttributeSet> candidates = store.candidates(query);
        if (candidates == null) {
            return super.findResource(query);
        }
        for (AttributeSet key : candidates) {
            String value = key.matches(query) ? map.get(key) : null;
            if (value != null) {
                return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value);
            }
        }
        return null;
    }

    /** A GET of one object through the index, answered as the mock answers it (its stored JSON, or 404). */
    @Override
    public MockResponse handleGet(String path) {
        if (path.contains("watch=")) {
            return super.handleGet(path);
        }
        Map.Entry<AttributeSet, String> found;
        AttributeSet query = attributeExtractor.fromPath(path);
        if (store.candidates(query) == null) {
            return super.handleGet(path);
        }
        found = findResource(query);
        return found == null ? new MockResponse().setResponseCode(404)
                : new MockResponse().setResponseCode(200).setBody(found.getValue());
    }

    /** Write requests received (create, update, patch, delete), whatever they changed. */
    public long writes() {
        return writes.get();
    }

    /** Write requests by resource plural (e.g. deployments, tenants/status). */
    public Map<String, Long> writesByResource() {
        Map<String, Long> copy = new HashMap<>();
        writesByKind.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Requests received, by verb (GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE) and resource plural. */
    public Map<String, Long> requestsByVerb() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        requestsByVerb.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /**
     * CPU the server spent answering requests (the double and the mock's store and watch fan-out, not the HTTP I/O),
     * so a benchmark can tell the server's share of a run from the operator's.
     */
    public double cpuSeconds() {
        return cpuNanos.get() / 1e9;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            return handle(request);
        } finally {
            cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - start);
        }
    }

    /** Server-side applies still let through before a {@link #cutAfter cut}; null: no cut. */
    private volatile AtomicLong appliesBeforeCut;
    private final AtomicLong refusedByCut = new AtomicLong();

    /**
     * Lets {@code applies} more server-side applies through, then refuses every write (503, nothing stored) until
     * {@link #heal()}: what a cluster sees of an operator whose process died between two writes.
     */
    public void cutAfter(int applies) {
        refusedByCut.set(0);
        appliesBeforeCut = new AtomicLong(applies);
    }

    /** Writes refused since the cut. */
    public long refusedByCut() {
        return refusedByCut.get();
    }

    public void heal() {
        appliesBeforeCut = null;
    }

    private boolean cut(RecordedRequest request) {
        AtomicLong left = appliesBeforeCut;
        if (left == null) {
            return false;
        }
        String type = request.getHeader("Content-Type");
        boolean apply = type != null && type.startsWith("application/apply-patch");
        if (left.get() > 0 && apply && left.decrementAndGet() >= 0) {
            return false;
        }
        if (left.get() > 0) {
            return false;   // other writes before the cut go through
        }
        refusedByCut.incrementAndGet();
        return true;
    }

    /** The RBAC of one service account, enforced on its requests; null: every request is allowed. */
    private volatile RbacAuthorizer authorizer;

    /** Enforces {@code rights} on the requests of its service account (see {@link RbacAuthorizer}). */
    public void authorize(RbacAuthorizer rights) {
        this.authorizer = rights;
    }

    private MockResponse handle(RecordedRequest request) {
        String method = request.getMethod();
        requestsByVerb.computeIfAbsent(verb(request) + " " + resourceOf(request.getPath()), k -> new AtomicLong())
                .incrementAndGet();
        RbacAuthorizer rights = authorizer;
        MockResponse forbidden = rights == null ? null : rights.refusal(request);
        if (forbidden != null) {
            return forbidden;
        }
        boolean write = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        if (write && cut(request)) {
            return ApiServerRules.status(503, "ServiceUnavailable", "the writer was cut off (test)");
        }
        if (write) {
            writes.incrementAndGet();
            writesByKind.computeIfAbsent(resourceOf(request.getPath()), k -> new AtomicLong()).incrementAndGet();
        }
        if (method.equals("POST") && request.getPath().endsWith("/selfsubjectrulesreviews")) {
            return rulesReview(request);
        }
        MockResponse optional = OptionalApis.answer(request, this::crds);
        if (optional != null) {
            return optional;
        }
        String contentType = request.getHeader("Content-Type");
        if (method.equals("PATCH") && contentType != null && contentType.startsWith("application/apply-patch")) {
            return apply(request);
        }
        if (!write) {
            return super.dispatch(request);
        }
        synchronized (this) {
            MockResponse refused = method.equals("POST") ? refusedCreate(request) : refusedReplace(request);
            if (refused != null) {
                return refused;
            }
            String path = bare(request.getPath());
            boolean update = (method.equals("PUT") || method.equals("PATCH")) && !path.endsWith("/status");
            MockResponse previous = update ? lookup(path) : null;
            String before = previous != null && previous.code() == 200 ? previous.getBody().readUtf8() : null;
            MockResponse response = super.dispatch(request);
            if (response.code() >= 300) {
                return response;
            }
            if (method.equals("POST")) {
                remember(path, response);
            } else if (update) {
                recordUpdate(path, before, updateManager(request));
            } else if (method.equals("DELETE")) {
                forgetAll();   // a delete may take more than one object with it (collections, finalizers)
                dropStatusOwnersOfGoneObjects();
            } else {
                forget(path.endsWith("/status") ? path.substring(0, path.length() - "/status".length()) : path);
            }
            return response;
        }
    }

    /** The namespaces every cluster has from the start (the mock begins empty). */
    private static final java.util.Set<String> SYSTEM_NAMESPACES = java.util.Set.of("default", "kube-system",
            "kube-public", "kube-node-lease");

    /**
     * A POST (create) the API server would refuse — its namespace missing or terminating, or an object of that name
     * there already (409 AlreadyExists, worded as the API server words it: {@code <plural>[.<group>] "<name>" already
     * exists}) — or null.
     */
    private MockResponse refusedCreate(RecordedRequest request) {
        try {
            String name = JSON.readTree(request.getBody().getBytes()).path("metadata").path("name").asText();
            String objectPath = bare(request.getPath()) + "/" + name;
            MockResponse refused = namespaceRefusal(objectPath, name);
            if (refused != null || name.isEmpty() || lookup(objectPath).code() != 200) {
                return refused;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^/(?:api/v1|apis/([^/]+)/[^/]+)/"
                    + "(?:namespaces/[^/]+/)?([^/]+)/[^/]+$").matcher(objectPath);
            String resource = !m.matches() ? "object" : m.group(1) == null ? m.group(2) : m.group(2) + "." + m.group(1);
            return ApiServerRules.status(409, "AlreadyExists", resource + " \"" + name + "\" already exists");
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The refusal of creating an object at {@code objectPath} in a namespace that does not exist (404) or is being
     * terminated (403), as the API server's NamespaceLifecycle admission words them; null when the namespace takes it.
     */
    private MockResponse namespaceRefusal(String objectPath, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)/namespaces/([^/]+)/"
                + "([^/]+)/[^/]+$").matcher(objectPath);
        if (!m.matches() || SYSTEM_NAMESPACES.contains(m.group(1))) {
            return null;
        }
        MockResponse namespace = handleGet("/api/v1/namespaces/" + m.group(1));
        try {
            if (namespace.code() == 404) {
                return ApiServerRules.status(404, "NotFound", "namespaces \"" + m.group(1) + "\" not found");
            }
            JsonNode live = JSON.readTree(namespace.getBody().readUtf8());
            if (live.path("metadata").has("deletionTimestamp")
                    || "Terminating".equals(live.path("status").path("phase").asText())) {
                return ApiServerRules.status(403, "Forbidden", m.group(2) + " \"" + name + "\" is forbidden: unable"
                        + " to create new content in namespace " + m.group(1) + " because it is being terminated");
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** A PUT (replace) of an object the API server would refuse to change that way, or null. */
    private MockResponse refusedReplace(RecordedRequest request) {
        String path = bare(request.getPath());
        if (!request.getMethod().equals("PUT") || path.endsWith("/status")) {
            return null;
        }
        MockResponse existing = lookup(path);
        if (existing.code() != 200) {
            return null;
        }
        try {
            JsonNode live = JSON.readTree(existing.getBody().readUtf8());
            JsonNode updated = JSON.readTree(request.getBody().getBytes());
            return ApiServerRules.refuseUpdate(path, live, updated, this::storageClass).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    /** A stored StorageClass by name, or the default one (annotated so) for null; null when there is none. */
    private JsonNode storageClass(String name) {
        String base = "/apis/storage.k8s.io/v1/storageclasses";
        try {
            if (name != null) {
                MockResponse found = handleGet(base + "/" + name);
                return found.code() == 200 ? JSON.readTree(found.getBody().readUtf8()) : null;
            }
            MockResponse all = handleGet(base);
            for (JsonNode item : JSON.readTree(all.getBody().readUtf8()).path("items")) {
                if ("true".equals(item.path("metadata").path("annotations")
                        .path("storageclass.kubernetes.io/is-default-class").asText())) {
                    return item;
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The stored CustomResourceDefinitions (a list). */
    private JsonNode crds() {
        RecordedRequest list = new RecordedRequest("HTTP/1.1", HttpMethod.GET,
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Headers.builder().build(), new Buffer());
        try {
            return JSON.readTree(super.dispatch(list).getBody().readUtf8());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * What the API server's authorizer answers a SelfSubjectRulesReview with, for a test client allowed everything
     * (the mock cannot answer it; JOSDK asks before it runs leader election).
     */
    private static MockResponse rulesReview(RecordedRequest request) {
        try {
            ObjectNode review = (ObjectNode) JSON.readTree(request.getBody().readUtf8());
            ObjectNode status = review.putObject("status");
            ObjectNode rule = status.putArray("resourceRules").addObject();
            rule.putArray("verbs").add("*");
            rule.putArray("apiGroups").add("*");
            rule.putArray("resources").add("*");
            status.putArray("nonResourceRules");
            status.put("incomplete", false);
            return new MockResponse().setResponseCode(201).setBody(JSON.writeValueAsString(review));
        } catch (Exception e) {
            return new MockResponse().setResponseCode(400).setBody("{\"message\":\"malformed review\"}");
        }
    }

    /** Status ownership goes with its object: one made again under the same name starts with no status managers. */
    private void dropStatusOwnersOfGoneObjects() {
        statusFields.keySet().removeIf(objectPath -> handleGet(objectPath).code() == 404);
    }

    /** The managers of an object's status (kept apart from managedFields, see {@link #statusFields}). */
    java.util.Set<String> statusManagers(String objectPath) {
        return java.util.Set.copyOf(statusFields.getOrDefault(objectPath, Map.of()).keySet());
    }

    /** Who made a non-apply write, as the API server names it: ?fieldManager=, else the client's User-Agent name. */
    private static String updateManager(RecordedRequest request) {
        String manager = query(request.getPath()).get("fieldManager");
        if (manager != null) {
            return manager;
        }
        String agent = request.getHeader("User-Agent");
        return agent == null || agent.isBlank() ? "unknown" : agent.split("/")[0];
    }

    /**
     * After a non-apply write, as the API server does: the writer gets an {@code Update} entry for the fields it set,
     * those fields leave the other managers' sets (ownership moves to the writer), and every manager keeps ownership
     * only of what still exists.
     */
    private void recordUpdate(String path, String before, String manager) {
        MockResponse current = handleGet(path);
        if (current.code() != 200 || before == null) {
            pruneOwnership(path);
            return;
        }
        try {
            String body = current.getBody().readUtf8();
            ObjectNode live = (ObjectNode) JSON.readTree(body);
            JsonNode old = JSON.readTree(before);
            ObjectNode changed = ManagedFields.changed(old, live);
            if (changed.isEmpty()) {
                stored.put(path, body);
                unsure.remove(path);
                pruneOwnership(path);
                return;
            }
            JsonNode managed = live.path("metadata").path("managedFields");
            ArrayNode entries = JsonNodeFactory.instance.arrayNode();
            boolean found = false;
            for (JsonNode entry : managed.isArray() ? managed : JsonNodeFactory.instance.arrayNode()) {
                ObjectNode copy = entry.deepCopy();
                boolean mine = manager.equals(entry.path("manager").asText())
                        && "Update".equals(entry.path("operation").asText());
                JsonNode fields = mine ? ManagedFields.plus(entry.path("fieldsV1"), changed)
                        : ManagedFields.minus(entry.path("fieldsV1"), changed);
                copy.set("fieldsV1", ManagedFields.prune(fields, live));
                found |= mine;
                if (!copy.path("fieldsV1").isEmpty()) {
                    entries.add(copy);
                }
            }
            if (!found) {
                ObjectNode entry = entries.addObject();
                entry.put("manager", manager);
                entry.put("operation", "Update");
                entry.put("apiVersion", live.path("apiVersion").asText());
                entry.put("time", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                entry.put("fieldsType", "FieldsV1");
                entry.set("fieldsV1", ManagedFields.prune(changed, live));
            }
            ((ObjectNode) live.path("metadata")).set("managedFields", entries);
            remember(path, super.handleUpdate(request(HttpMethod.PUT, path, live)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** After a non-apply write, appliers keep ownership only of what still exists. */
    private void pruneOwnership(String path) {
        MockResponse current = handleGet(path);
        if (current.code() != 200) {
            forgetAll();   // the write removed the object (its last finalizer): others may have gone with it
            dropStatusOwnersOfGoneObjects();
            return;
        }
        try {
            String body = current.getBody().readUtf8();
            stored.put(path, body);
            unsure.remove(path);
            ObjectNode live = (ObjectNode) JSON.readTree(body);
            JsonNode managed = live.path("metadata").path("managedFields");
            if (!managed.isArray() || managed.isEmpty()) {
                return;
            }
            ArrayNode pruned = JsonNodeFactory.instance.arrayNode();
            boolean changed = false;
            for (JsonNode entry : managed) {
                ObjectNode copy = entry.deepCopy();
                JsonNode fields = ManagedFields.prune(entry.path("fieldsV1"), live);
                changed |= !fields.equals(entry.path("fieldsV1"));
                copy.set("fieldsV1", fields);
                pruned.add(copy);
            }
            if (changed) {
                ((ObjectNode) live.path("metadata")).set("managedFields", pruned);
                remember(path, super.handleUpdate(request(HttpMethod.PUT, path, live)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String verb(RecordedRequest request) {
        String method = request.getMethod();
        String path = request.getPath();
        if (method.equals("GET")) {
            String bare = bare(path);
            if (path.contains("watch=true")) {
                return "WATCH";
            }
            int segments = bare.split("/").length;
            boolean core = bare.startsWith("/api/");
            boolean namespaced = bare.contains("/namespaces/") && !bare.endsWith("/namespaces")
                    && !(core && bare.matches("/api/v1/namespaces/[^/]+"));
            // /api/v1/pods = 4 segments ("" api v1 pods); a named object adds one, a namespace two
            int collection = (core ? 4 : 5) + (namespaced ? 2 : 0);
            return segments > collection ? "GET" : "LIST";
        }
        String type = request.getHeader("Content-Type");
        return method.equals("PATCH") && type != null && type.startsWith("application/apply-patch") ? "APPLY" : method;
    }

    /** The resource a request is about: its plural, with /status for the status subresource. */
    static String resourceOf(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        boolean status = bare.endsWith("/status");
        String[] segments = bare.split("/");
        int start = segments.length > 1 && segments[1].equals("api") ? 3 : 4;
        if (segments.length > start + 2 && segments[start].equals("namespaces")) {
            start += 2;
        }
        String plural = start < segments.length ? segments[start] : bare;
        return status ? plural + "/status" : plural;
    }

    /** Apply is a read-modify-write of one object: serialized with the other writes, as etcd's compare-and-swap would. */
    private synchronized MockResponse apply(RecordedRequest request) {
        String fullPath = request.getPath();
        String path = fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
        Map<String, String> query = query(fullPath);
        String manager = query.getOrDefault("fieldManager", "unknown");
        boolean statusApply = path.endsWith("/status");
        String objectPath = statusApply ? path.substring(0, path.length() - "/status".length()) : path;
        JsonNode applied;
        try {
            applied = parsePatch(request.getBody().readUtf8());
        } catch (Exception e) {
            return new MockResponse().setResponseCode(400).setBody("{\"message\":\"malformed apply patch\"}");
        }
        MockResponse existing = lookup(objectPath);
        if (existing.code() == 404) {
            if (statusApply) {
                return existing;
            }
            MockResponse outside = namespaceRefusal(objectPath, applied.path("metadata").path("name").asText());
            if (outside != null) {
                return outside;
            }
            ObjectNode created = ((ObjectNode) applied).deepCopy();
            ObjectNode metadata = (ObjectNode) created.path("metadata");
            metadata.set("managedFields", entries(JsonNodeFactory.instance.arrayNode(), manager,
                    ManagedFields.of(applied)));
            String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
            return remember(objectPath, super.handleCreate(request(HttpMethod.POST, collection, created)));
        }
        ObjectNode live;
        try {
            live = (ObjectNode) JSON.readTree(existing.getBody().readUtf8());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // a resourceVersion in an apply is a precondition (optimistic concurrency), never a field to merge
        JsonNode expectedVersion = applied.path("metadata").path("resourceVersion");
        if (expectedVersion.isTextual() && !expectedVersion.asText().isEmpty()) {
            String liveVersion = live.path("metadata").path("resourceVersion").asText();
            if (!expectedVersion.asText().equals(liveVersion)) {
                return new MockResponse().setResponseCode(409).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,\"message\":\"Operation cannot be"
                        + " fulfilled: the object has been modified; please apply your changes to the latest version and"
                        + " try again\"}");
            }
        }
        if (applied.path("metadata").isObject()) {
            ((ObjectNode) applied.path("metadata")).remove("resourceVersion");
        }
        ObjectNode merged = live.deepCopy();
        JsonNode managed = live.path("metadata").path("managedFields");
        if (statusApply) {
            Map<String, JsonNode> byManager = statusFields.computeIfAbsent(objectPath, p -> new ConcurrentHashMap<>());
            JsonNode previous = byManager.getOrDefault(manager, JsonNodeFactory.instance.objectNode());
            ObjectNode others = JsonNodeFactory.instance.objectNode();
            byManager.forEach((m, fields) -> {
                if (!m.equals(manager)) {
                    fields.fields().forEachRemaining(e -> others.set(e.getKey(), e.getValue()));
                }
            });
            ObjectNode appliedStatus = JsonNodeFactory.instance.objectNode();
            if (applied.has("status")) {
                appliedStatus.set("status", applied.get("status"));
            }
            ObjectNode status = merged.has("status") && merged.get("status").isObject() ? (ObjectNode) merged.get("status")
                    : merged.putObject("status");
            ApplyMerge.merge(status, appliedStatus.path("status"), previous.path("f:status"), others.path("f:status"));
            byManager.put(manager, ManagedFields.of(appliedStatus));
            if (withoutVolatile(merged).equals(withoutVolatile(live))) {
                return new MockResponse().setResponseCode(200).setBody(ManagedFields.json(live));
            }
            forget(objectPath);
            if (System.getProperty("flowstack.debug-status") != null && live.has("status")) {
                System.err.println("STATUS CHANGED " + objectPath + "\n live:   " + live.get("status") + "\n merged: "
                        + merged.get("status"));
            }
            return super.handleUpdate(request(HttpMethod.PUT, objectPath + "/status", merged));
        }
        if (!"true".equals(query.get("force"))) {
            MockResponse conflict = ApplyConflicts.refusal(managed, manager, applied, live);
            if (conflict != null) {
                return conflict;
            }
        }
        JsonNode previous = previousFields(managed, manager);
        JsonNode others = ManagedFields.ownedByOthers(managed, manager);
        ObjectNode appliedPart = JsonNodeFactory.instance.objectNode();
        applied.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("status")) {
                appliedPart.set(e.getKey(), e.getValue());
            }
        });
        JsonNode liveStatus = merged.remove("status");
        ApplyMerge.merge(merged, appliedPart, previous, others);
        if (liveStatus != null) {
            merged.set("status", liveStatus);
        }
        java.util.Optional<MockResponse> refused = ApiServerRules.refuseUpdate(objectPath, live, merged,
                this::storageClass);
        if (refused.isPresent()) {
            return refused.get();
        }
        // a forced apply that changes a field takes it from its other owners, as the API server does
        ObjectNode taken = ManagedFields.changed(live, merged);
        ArrayNode newManaged = entries(managed.isArray() ? (ArrayNode) managed : JsonNodeFactory.instance.arrayNode(),
                manager, ManagedFields.of(appliedPart), taken, merged);
        ((ObjectNode) merged.path("metadata")).set("managedFields", newManaged);
        if (withoutVolatile(merged).equals(withoutVolatile(live)) && sameEntries(newManaged, managed)) {
            return new MockResponse().setResponseCode(200).setBody(ManagedFields.json(live));
        }
        if (System.getProperty("flowstack.debug-apply") != null) {
            System.err.println("APPLY CHANGED " + objectPath + "\n live:   " + withoutVolatile(live) + "\n merged: "
                    + withoutVolatile(merged) + "\n managed live: " + managed + "\n managed new: " + newManaged);
        }
        return remember(objectPath, super.handleUpdate(request(HttpMethod.PUT, objectPath, merged)));
    }

    /**
     * An apply patch is YAML, of which JSON is a subset; clients (fabric8 included) send JSON, which the JSON parser
     * reads several times faster than the YAML one. Like the API server, the double takes either.
     */
    static JsonNode parsePatch(String body) throws java.io.IOException {
        String trimmed = body.stripLeading();
        return trimmed.startsWith("{") ? JSON.readTree(trimmed) : YAML.readTree(body);
    }

    /** The stored object at a path: from the mirror when its outcome is known, else from the store. */
    private MockResponse lookup(String objectPath) {
        if (!unsure.contains(objectPath) && (trustAbsence || stored.containsKey(objectPath))) {
            String body = stored.get(objectPath);
            return body != null ? new MockResponse().setResponseCode(200).setBody(body)
                    : new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
        }
        MockResponse current = handleGet(objectPath);
        if (current.code() == 200) {
            String body = current.getBody().readUtf8();
            stored.put(objectPath, body);
            unsure.remove(objectPath);
            return new MockResponse().setResponseCode(200).setBody(body);
        }
        if (current.code() == 404) {
            stored.remove(objectPath);
            unsure.remove(objectPath);
        }
        return current;
    }

    /** Records the object a successful create or update stored (for a create, at the collection path + name). */
    private MockResponse remember(String path, MockResponse response) {
        if (response.code() >= 300) {
            forget(path);
            return response;
        }
        String body = response.getBody().readUtf8();
        response.setBody(body);
        try {
            JsonNode object = JSON.readTree(body);
            String name = object.path("metadata").path("name").asText();
            String objectPath = path.endsWith("/" + name) ? path : path + "/" + name;
            stored.put(objectPath, body);
            unsure.remove(objectPath);
        } catch (Exception e) {
            forget(path);
        }
        return response;
    }

    /**
     * Stored objects that the index finds differently from the mock's scan, looked up by their plural, namespace and
     * name, plus a name that is absent in each plural (a test of the index itself; empty when right).
     */
    public synchronized List<String> indexMismatches() {
        List<String> mismatches = new java.util.ArrayList<>();
        List<AttributeSet> keys;
        synchronized (map) {
            keys = new java.util.ArrayList<>(map.keySet());
        }
        for (AttributeSet key : keys) {
            for (String name : new String[] {null, "absent-object"}) {
                List<Attribute> attributes = new java.util.ArrayList<>();
                for (String attribute : new String[] {"plural", "namespace", "name"}) {
                    Attribute value = key.getAttribute(attribute);
                    if (value != null) {
                        attributes.add(attribute.equals("name") && name != null ? new Attribute("name", name) : value);
                    }
                }
                AttributeSet query = new AttributeSet(attributes);
                Map.Entry<AttributeSet, String> indexed = findResource(query);
                Map.Entry<AttributeSet, String> scanned = super.findResource(query);
                if (!java.util.Objects.equals(indexed == null ? null : indexed.getKey(),
                        scanned == null ? null : scanned.getKey())) {
                    mismatches.add(query + ": index " + (indexed == null ? null : indexed.getKey()) + ", scan "
                            + (scanned == null ? null : scanned.getKey()));
                }
            }
        }
        return mismatches;
    }

    /** Paths whose mirrored object differs from what the store holds (a test of the mirror itself; empty when right). */
    public synchronized List<String> mirrorMismatches() {
        List<String> mismatches = new java.util.ArrayList<>();
        stored.forEach((path, body) -> {
            if (unsure.contains(path)) {
                return;
            }
            MockResponse current = handleGet(path);
            try {
                if (current.code() != 200 || !JSON.readTree(current.getBody().readUtf8()).equals(JSON.readTree(body))) {
                    mismatches.add(path);
                }
            } catch (Exception e) {
                mismatches.add(path);
            }
        });
        return mismatches;
    }

    private void forgetAll() {
        unsure.addAll(stored.keySet());
        stored.clear();
        trustAbsence = false;
    }

    private void forget(String objectPath) {
        stored.remove(objectPath);
        unsure.add(objectPath);
    }

    private static String bare(String path) {
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    private static JsonNode previousFields(JsonNode managed, String manager) {
        for (JsonNode entry : managed) {
            if (manager.equals(entry.path("manager").asText())) {
                return entry.path("fieldsV1");
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /** managedFields with this manager's entry replaced; exactly one Apply entry per manager. */
    private static ArrayNode entries(ArrayNode managed, String manager, ObjectNode fields) {
        return entries(managed, manager, fields, JsonNodeFactory.instance.objectNode(), null);
    }

    /**
     * The managedFields after {@code manager} applied {@code fields}: its Apply entry replaced; the other entries
     * without what the apply {@code taken} from them (changed values) and what {@code object} no longer has.
     */
    private static ArrayNode entries(ArrayNode managed, String manager, ObjectNode fields, ObjectNode taken,
                                     JsonNode object) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        ObjectNode previous = null;
        for (JsonNode entry : managed) {
            if (manager.equals(entry.path("manager").asText())) {
                previous = (ObjectNode) entry;
            } else if (taken.isEmpty() || !"".equals(entry.path("subresource").asText(""))) {
                result.add(entry);
            } else {
                JsonNode rest = ManagedFields.minus(entry.path("fieldsV1"), taken);
                rest = object == null ? rest : ManagedFields.prune(rest, object);
                if (!rest.isEmpty()) {
                    result.add(((ObjectNode) entry.deepCopy()).set("fieldsV1", rest));
                }
            }
        }
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("manager", manager);
        entry.put("operation", "Apply");
        entry.put("apiVersion", "v1");
        entry.put("time", previous != null && previous.path("fieldsV1").equals(fields) ? previous.path("time").asText()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", fields);
        result.add(entry);
        return result;
    }

    private static boolean sameEntries(ArrayNode updated, JsonNode live) {
        if (!live.isArray() || live.size() != updated.size()) {
            return false;
        }
        for (JsonNode entry : updated) {
            boolean found = false;
            for (JsonNode old : live) {
                if (old.path("manager").equals(entry.path("manager"))
                        && old.path("subresource").equals(entry.path("subresource"))
                        && old.path("fieldsV1").equals(entry.path("fieldsV1"))
                        && old.path("operation").equals(entry.path("operation"))) {
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode withoutVolatile(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.path("metadata");
        metadata.remove(List.of("managedFields", "resourceVersion"));
        return copy;
    }

    private static RecordedRequest request(HttpMethod method, String path, JsonNode body) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer().writeUtf8(ManagedFields.json(body)));
    }

    private static Map<String, String> query(String path) {
        Map<String, String> query = new HashMap<>();
        int start = path.indexOf('?');
        if (start < 0) {
            return query;
        }
        for (String pair : path.substring(start + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
