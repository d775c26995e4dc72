package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API server's RBAC authorizer for one service account, from the Roles, ClusterRoles and bindings a chart
 * renders: a request of that account (sent with {@code Impersonate-User}, as fabric8 does when told to impersonate)
 * is allowed only if a rule bound to it covers its verb, group, resource, namespace and name; any other gets the API
 * server's 403. Requests of other users (the tests' own client) are not checked. Refusals are kept, so a test can
 * prove an operator needed nothing beyond what the chart grants.
 */
public final class RbacAuthorizer {
    /** A rule, cluster-wide (namespace null) or in one namespace. */
    private record Grant(String namespace, PolicyRule rule) {
    }

    /** What RBAC decides on: the request's attributes. */
    record Attributes(String verb, String group, String resource, String namespace, String name) {
    }

    private final String user;
    private final List<Grant> grants;
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private RbacAuthorizer(String user, List<Grant> grants) {
        this.user = user;
        this.grants = grants;
    }

    /** The rights that {@code objects} (a chart's rendering) give the service account {@code namespace/name}. */
    public static RbacAuthorizer of(List<HasMetadata> objects, String namespace, String name) {
        List<Grant> grants = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding && boundTo(binding.getSubjects(), namespace, name)) {
                clusterRole(objects, binding.getRoleRef().getName())
                        .forEach(rule -> grants.add(new Grant(null, rule)));
            } else if (object instanceof RoleBinding binding && boundTo(binding.getSubjects(), namespace, name)) {
                String in = binding.getMetadata().getNamespace();
                List<PolicyRule> rules = binding.getRoleRef().getKind().equals("ClusterRole")
                        ? clusterRole(objects, binding.getRoleRef().getName())
                        : role(objects, in, binding.getRoleRef().getName());
                rules.forEach(rule -> grants.add(new Grant(in, rule)));
            }
        }
        return new RbacAuthorizer("system:serviceaccount:" + namespace + ":" + name, grants);
    }

    /** The user the operator's client impersonates. */
    public String user() {
        return user;
    }

    /** The requests refused so far ("verb group/resource namespace/name"). */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** The API server's 403 for a request of this account that no rule allows, or null. */
    MockResponse refusal(RecordedRequest request) {
        if (!user.equals(request.getHeader("Impersonate-User"))) {
            return null;
        }
        Optional<Attributes> attributes = attributes(request.getMethod(), request.getPath());
        if (attributes.isEmpty() || allowed(attributes.get())) {
            return null;   // discovery and other non-resource paths are open to every authenticated user
        }
        Attributes a = attributes.get();
        String what = a.verb() + " " + (a.group().isEmpty() ? "" : a.group() + "/") + a.resource() + " "
                + (a.namespace() == null ? "" : a.namespace() + "/") + (a.name() == null ? "" : a.name());
        refused.add(what.trim());
        return ApiServerRules.status(403, "Forbidden", a.resource() + " is forbidden: User \"" + user
                + "\" cannot " + a.verb() + " resource \"" + a.resource() + "\" in API group \"" + a.group() + "\""
                + (a.namespace() == null ? " at the cluster scope" : " in the namespace \"" + a.namespace() + "\""));
    }

    /** Whether a request with these attributes is allowed (namespace null: cluster scope; name null: none). */
    public boolean allows(String verb, String group, String resource, String namespace, String name) {
        return allowed(new Attributes(verb, group, resource, namespace, name));
    }

    boolean allowed(Attributes a) {
        return grants.stream().anyMatch(g -> (g.namespace() == null || g.namespace().equals(a.namespace()))
                && covers(g.rule(), a));
    }

    private static boolean covers(PolicyRule rule, Attributes a) {
        if (!matches(rule.getVerbs(), a.verb()) || !matches(rule.getApiGroups(), a.group())
                || !matches(rule.getResources(), a.resource())) {
            return false;
        }
        List<String> names = rule.getResourceNames();
        return names == null || names.isEmpty() || (a.name() != null && names.contains(a.name()));
    }

    private static boolean matches(List<String> values, String value) {
        return values != null && (values.contains("*") || values.contains(value));
    }

    /** The attributes of a request, or empty for a non-resource path (discovery, /version). */
    static Optional<Attributes> attributes(String method, String fullPath) {
        int q = fullPath.indexOf('?');
        String path = q < 0 ? fullPath : fullPath.substring(0, q);
        String query = q < 0 ? "" : URLDecoder.decode(fullPath.substring(q + 1), StandardCharsets.UTF_8);
        String[] s = path.split("/");
        int start;
        String group;
        if (s.length > 3 && s[1].equals("api")) {
            start = 3;
            group = "";
        } else if (s.length > 4 && s[1].equals("apis")) {
            start = 4;
            group = s[2];
        } else {
            return Optional.empty();
        }
        String namespace = null;
        if (s[start].equals("namespaces") && s.length > start + 2) {
            namespace = s[start + 1];
            start += 2;
        }
        String resource = s[start];
        String name = s.length > start + 1 ? s[start + 1] : null;
        if (s.length > start + 2) {
            resource = resource + "/" + s[start + 2];
        }
        String verb = switch (method) {
            case "GET", "HEAD" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        if (name == null && (verb.equals("list") || verb.equals("watch"))) {
            name = nameSelected(query);   // a list or watch of one name is authorized as that name
        }
        return Optional.of(new Attributes(verb, group, resource, namespace, name));
    }

    private static String nameSelected(String query) {
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("fieldSelector=metadata.name=")) {
                return parameter.substring("fieldSelector=metadata.name=".length());
            }
        }
        return null;
    }

    private static boolean boundTo(List<Subject> subjects, String namespace, String name) {
        return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                && name.equals(s.getName()) && namespace.equals(s.getNamespace()));
    }

    private static List<PolicyRule> clusterRole(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o instanceof ClusterRole && o.getMetadata().getName().equals(name))
                .findFirst().map(o -> ((ClusterRole) o).getRules()).orElse(List.of());
    }

    private static List<PolicyRule> role(List<HasMetadata> objects, String namespace, String name) {
        return objects.stream().filter(o -> o instanceof Role && o.getMetadata().getName().equals(name)
                        && namespace.equals(o.getMetadata().getNamespace()))
                .findFirst().map(o -> ((Role) o).getRules()).orElse(List.of());
    }
}
