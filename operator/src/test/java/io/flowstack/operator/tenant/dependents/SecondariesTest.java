package io.flowstack.operator.tenant.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Secondaries} asks the SDK for an event source once per controller and dependent, and keeps its answer. */
class SecondariesTest {

    @Test
    void asksTheControllerOnceForEachDependentsEventSource() {
        Recording controller = new Recording();

        EventSource<Secret, Tenant> first = Secondaries.source(controller.retriever, Secret.class,
                TenantDependentKey.KEYS_SECRET);
        EventSource<Secret, Tenant> again = Secondaries.source(controller.retriever, Secret.class,
                TenantDependentKey.KEYS_SECRET);
        Secondaries.source(controller.retriever, Deployment.class, TenantDependentKey.RUNTIME);
        Secondaries.source(controller.retriever, Deployment.class, TenantDependentKey.RUNTIME);

        assertThat(again).isSameAs(first);
        assertThat(controller.asked).containsExactly("Secret keys-secret", "Deployment runtime");
    }

    @Test
    void anotherControllersSourcesAreItsOwn() {
        Recording before = new Recording();
        Recording after = new Recording();

        EventSource<Secret, Tenant> old = Secondaries.source(before.retriever, Secret.class,
                TenantDependentKey.KEYS_SECRET);
        EventSource<Secret, Tenant> current = Secondaries.source(after.retriever, Secret.class,
                TenantDependentKey.KEYS_SECRET);

        assertThat(current).isNotSameAs(old);
        assertThat(after.asked).containsExactly("Secret keys-secret");
    }

    @Test
    void aTypeOtherThanTheDependentsOwnIsLeftToTheSdkEveryTime() {
        Recording controller = new Recording();

        Secondaries.source(controller.retriever, Deployment.class, TenantDependentKey.KEYS_SECRET);
        Secondaries.source(controller.retriever, Deployment.class, TenantDependentKey.KEYS_SECRET);

        assertThat(controller.asked).containsExactly("Deployment keys-secret", "Deployment keys-secret");
    }

    /** A controller's event sources that records what it was asked for and answers a new source each time. */
    private static final class Recording {
        final List<String> asked = new ArrayList<>();
        @SuppressWarnings("unchecked")
        final EventSourceRetriever<Tenant> retriever = (EventSourceRetriever<Tenant>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EventSourceRetriever.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getEventSourceFor") && args.length == 2) {
                        asked.add(((Class<?>) args[0]).getSimpleName() + " " + args[1]);
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {EventSource.class}, (p, m, a) -> null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
