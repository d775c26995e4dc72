package io.flowstack.crds.validation;

import io.flowstack.crds.v1alpha1.common.ComputeResources;
import io.flowstack.crds.v1alpha1.common.EnvVar;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.common.ResourceList;
import io.flowstack.crds.v1alpha1.tenant.Owner;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

final class TenantValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+$");
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private TenantValidator() {
    }

    static List<FieldError> validate(Tenant tenant) {
        Problems problems = new Problems();
        TenantSpec spec = tenant.getSpec();
        if (SYSTEM_NAMESPACES.contains(tenant.targetNamespace())) {
            problems.add("spec.namespace", "\"" + tenant.targetNamespace()
                    + "\" is a system namespace: a tenant needs a namespace of its own");
        }
        checkQuantities(spec, problems);
        checkOwners(spec, problems);
        checkNetwork(spec, problems);
        if (spec.runtime != null) {
            checkEnv(spec.runtime.env, problems);
            checkRequestsWithinLimits("spec.runtime.resources", spec.runtime.resources, problems);
        }
        if (spec.database != null && spec.database.managed != null) {
            checkRequestsWithinLimits("spec.database.managed.resources", spec.database.managed.resources, problems);
        }
        if (spec.limits != null) {
            checkOrdered("spec.limits", spec.limits.defaultRequest, "defaultRequest", spec.limits.defaultLimit, "defaultLimit", problems);
            checkOrdered("spec.limits", spec.limits.defaultLimit, "defaultLimit", spec.limits.max, "max", problems);
        }
        checkQuota(spec, problems);
        if (spec.monitoring != null) {
            if (spec.monitoring.runtimeDownFor != null) {
                problems.check("spec.monitoring.runtimeDownFor", () -> Durations.parse(spec.monitoring.runtimeDownFor));
            }
            if (spec.monitoring.backupMissingGrace != null) {
                problems.check("spec.monitoring.backupMissingGrace", () -> Durations.parse(spec.monitoring.backupMissingGrace));
            }
        }
        return problems.list();
    }

    /** Quantities are int-or-string in the schema, as in Kubernetes' own APIs; their syntax is checked here. */
    private static void checkQuantities(TenantSpec spec, Problems problems) {
        Map<String, Quantity> quantities = new java.util.LinkedHashMap<>();
        if (spec.quota != null) {
            quantities.put("spec.quota.cpu", spec.quota.cpu);
            quantities.put("spec.quota.memory", spec.quota.memory);
            quantities.put("spec.quota.storage", spec.quota.storage);
        }
        if (spec.limits != null) {
            putAll(quantities, "spec.limits.defaultRequest", spec.limits.defaultRequest);
            putAll(quantities, "spec.limits.defaultLimit", spec.limits.defaultLimit);
            putAll(quantities, "spec.limits.max", spec.limits.max);
        }
        if (spec.runtime != null && spec.runtime.resources != null) {
            putAll(quantities, "spec.runtime.resources.requests", spec.runtime.resources.requests);
            putAll(quantities, "spec.runtime.resources.limits", spec.runtime.resources.limits);
        }
        if (spec.database != null && spec.database.managed != null) {
            quantities.put("spec.database.managed.storage", spec.database.managed.storage);
            if (spec.database.managed.resources != null) {
                putAll(quantities, "spec.database.managed.resources.requests", spec.database.managed.resources.requests);
                putAll(quantities, "spec.database.managed.resources.limits", spec.database.managed.resources.limits);
            }
        }
        quantities.forEach((path, quantity) -> {
            if (quantity != null) {
                problems.check(path, () -> Quantities.parse(quantity));
            }
        });
    }

    private static void putAll(Map<String, Quantity> quantities, String path, ResourceList list) {
        if (list != null) {
            quantities.put(path + ".cpu", list.cpu);
            quantities.put(path + ".memory", list.memory);
        }
    }

    private static void checkOwners(TenantSpec spec, Problems problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < spec.owners.size(); i++) {
            Owner owner = spec.owners.get(i);
            String key = owner.kind + "/" + owner.namespace + "/" + owner.name;
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                problems.add("spec.owners[" + i + "]", "duplicate of spec.owners[" + first + "]");
            }
        }
    }

    private static void checkNetwork(TenantSpec spec, Problems problems) {
        if (spec.network == null) {
            return;
        }
        for (int i = 0; i < spec.network.allowFromNamespaces.size(); i++) {
            String namespace = spec.network.allowFromNamespaces.get(i);
            if (namespace == null || namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
                problems.add("spec.network.allowFromNamespaces[" + i + "]",
                        "\"" + namespace + "\" is not a namespace name (a lowercase RFC 1123 label)");
            }
        }
        for (int i = 0; i < spec.network.allowEgressCidrs.size(); i++) {
            String cidr = spec.network.allowEgressCidrs.get(i);
            String path = "spec.network.allowEgressCidrs[" + i + "]";
            problems.check(path, () -> parseCidr(cidr));
        }
    }

    static String parseCidr(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR: write it like 10.0.0.0/8 or 2001:db8::/32");
        }
        boolean v4 = IPV4.matcher(parts[0]).matches();
        if (!v4 && !(parts[0].contains(":") && IPV6.matcher(parts[0]).matches())) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR: " + parts[0] + " is not an IP address");
        }
        if (v4) {
            for (String octet : parts[0].split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR: " + octet + " is above 255");
                }
            }
        }
        try {
            // a literal address: no name lookup happens
            InetAddress.getByName(parts[0]);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR: " + parts[0] + " is not an IP address");
        }
        int max = v4 ? 32 : 128;
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("\"" + cidr + "\" has prefix length " + parts[1] + ": use 0 to " + max);
        }
        return cidr;
    }

    private static void checkEnv(List<EnvVar> env, Problems problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < env.size(); i++) {
            String name = env.get(i).name;
            if (name != null && name.startsWith("FLOWSTACK_")) {
                problems.add("spec.runtime.env[" + i + "].name", "names starting with FLOWSTACK_ are set by the operator: "
                        + "choose another name, or use the Tenant field that configures it");
            }
            Integer first = seen.putIfAbsent(name, i);
            if (first != null) {
                problems.add("spec.runtime.env[" + i + "].name", "duplicate of spec.runtime.env[" + first + "]");
            }
        }
    }

    private static void checkRequestsWithinLimits(String path, ComputeResources resources, Problems problems) {
        if (resources != null) {
            checkOrdered(path, resources.requests, "requests", resources.limits, "limits", problems);
        }
    }

    /** Checks that each amount of {@code lower} is at most the same amount of {@code upper}. */
    private static void checkOrdered(String path, ResourceList lower, String lowerName, ResourceList upper,
                                     String upperName, Problems problems) {
        if (lower == null || upper == null) {
            return;
        }
        compare(path, lowerName, upperName, "cpu", lower.cpu, upper.cpu, problems);
        compare(path, lowerName, upperName, "memory", lower.memory, upper.memory, problems);
    }

    private static void compare(String path, String lowerName, String upperName, String resource, Quantity lowQuantity,
                                Quantity highQuantity, Problems problems) {
        String low = lowQuantity == null ? null : Quantities.text(lowQuantity);
        String high = highQuantity == null ? null : Quantities.text(highQuantity);
        if (low == null || high == null) {
            return;
        }
        BigDecimal l = quietly(low);
        BigDecimal h = quietly(high);
        if (l != null && h != null && l.compareTo(h) > 0) {
            problems.add(path + "." + lowerName + "." + resource, lowerName + " " + low + " is above " + upperName + " "
                    + high + ": lower it or raise " + upperName);
        }
    }

    /** The quota must at least hold the runtime's and the managed database's requests, or their pods never start. */
    private static void checkQuota(TenantSpec spec, Problems problems) {
        if (spec.quota == null) {
            return;
        }
        checkQuotaAmount(spec, "cpu", spec.quota.cpu, r -> r.cpu, problems);
        checkQuotaAmount(spec, "memory", spec.quota.memory, r -> r.memory, problems);
    }

    private static void checkQuotaAmount(TenantSpec spec, String resource, Quantity quotaQuantity,
                                         Function<ResourceList, Quantity> quantity, Problems problems) {
        if (quotaQuantity == null) {
            return;
        }
        String quota = Quantities.text(quotaQuantity);
        Function<ResourceList, String> amount = r -> quantity.apply(r) == null ? null : Quantities.text(quantity.apply(r));
        BigDecimal limit = quietly(quota);
        if (limit == null) {
            return;
        }
        BigDecimal needed = BigDecimal.ZERO;
        StringBuilder parts = new StringBuilder();
        if (spec.runtime != null && spec.runtime.resources != null && spec.runtime.resources.requests != null
                && amount.apply(spec.runtime.resources.requests) != null) {
            int replicas = spec.runtime.replicas == null ? 1 : spec.runtime.replicas;
            String each = amount.apply(spec.runtime.resources.requests);
            BigDecimal runtime = quietly(each);
            if (runtime == null) {
                return;
            }
            needed = needed.add(runtime.multiply(BigDecimal.valueOf(replicas)));
            parts.append("runtime ").append(replicas).append(" x ").append(each);
        }
        if (spec.database != null && spec.database.managed != null && spec.database.managed.resources != null
                && spec.database.managed.resources.requests != null
                && amount.apply(spec.database.managed.resources.requests) != null) {
            String db = amount.apply(spec.database.managed.resources.requests);
            BigDecimal database = quietly(db);
            if (database == null) {
                return;
            }
            needed = needed.add(database);
            parts.append(parts.length() > 0 ? " + " : "").append("database ").append(db);
        }
        if (needed.compareTo(limit) > 0) {
            problems.add("spec.quota." + resource, "quota " + quota + " is smaller than the " + resource
                    + " the stack requests (" + parts + "): raise the quota or lower the requests");
        }
    }

    /** A quantity's value, or null when it is malformed (checkQuantities reports that). */
    private static BigDecimal quietly(String quantity) {
        try {
            return Quantities.parse(quantity);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
