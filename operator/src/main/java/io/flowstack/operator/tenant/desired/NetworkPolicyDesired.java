package io.flowstack.operator.tenant.desired;

import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.flowstack.crds.v1alpha1.tenant.NetworkSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StackNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Isolation of the tenant namespace: ingress is denied except from the namespace itself, the operator's and the
 * monitoring namespace and spec.network.allowFromNamespaces. Egress is open unless spec.network.allowEgressCidrs is
 * set; then it is limited to those ranges, DNS and the namespace itself.
 */
public final class NetworkPolicyDesired {
    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private NetworkPolicyDesired() {
    }

    public static NetworkPolicy build(Tenant tenant, OperatorSettings settings) {
        NetworkSpec network = tenant.getSpec().network == null ? new NetworkSpec() : tenant.getSpec().network;
        Set<String> sources = new LinkedHashSet<>();
        sources.add(tenant.targetNamespace());
        sources.add(settings.operatorNamespace());
        sources.add(settings.monitoringNamespace());
        sources.addAll(network.allowFromNamespaces);
        NetworkPolicyIngressRule ingress = new NetworkPolicyIngressRuleBuilder()
                .withFrom(sources.stream().map(NetworkPolicyDesired::namespacePeer).toList())
                .build();
        List<String> policyTypes = new ArrayList<>(List.of("Ingress"));
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        if (!network.allowEgressCidrs.isEmpty()) {
            policyTypes.add("Egress");
            egress.add(new NetworkPolicyEgressRuleBuilder()
                    .withTo(namespacePeer("kube-system"))
                    .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
                    .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
                    .build());
            egress.add(new NetworkPolicyEgressRuleBuilder().withTo(namespacePeer(tenant.targetNamespace())).build());
            egress.add(new NetworkPolicyEgressRuleBuilder()
                    .withTo(network.allowEgressCidrs.stream()
                            .map(cidr -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build())
                            .toList())
                    .build());
        }
        return new NetworkPolicyBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.NETWORK_POLICY, Labels.COMPONENT_TENANT))
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder().build())
                .withPolicyTypes(policyTypes)
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
    }

    private static NetworkPolicyPeer namespacePeer(String namespace) {
        return new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector().addToMatchLabels(NAMESPACE_NAME_LABEL, namespace).endNamespaceSelector()
                .build();
    }
}
