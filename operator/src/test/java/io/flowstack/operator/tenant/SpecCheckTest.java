package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.testing.Examples;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpecCheckTest {
    private final AtomicInteger validations = new AtomicInteger();
    private final SpecCheck check = new SpecCheck(tenant -> {
        validations.incrementAndGet();
        return "bad".equals(tenant.getSpec().displayName)
                ? List.of(new FieldError("spec.displayName", "bad")) : List.of();
    });

    private static Tenant tenant(String uid, String version) {
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getMetadata().setUid(uid);
        tenant.getMetadata().setResourceVersion(version);
        return tenant;
    }

    @Test
    void oneVersionOfATenantIsValidatedOnce() {
        Tenant tenant = tenant("u1", "7");
        assertThat(check.errors(tenant)).isEmpty();
        assertThat(check.errors(Serialization.clone(tenant))).isEmpty();
        assertThat(validations).hasValue(1);
    }

    @Test
    void aNewVersionIsValidatedAgainAndItsVerdictReplacesTheOld() {
        Tenant tenant = tenant("u1", "7");
        check.errors(tenant);
        Tenant edited = tenant("u1", "8");
        edited.getSpec().displayName = "bad";
        assertThat(check.errors(edited)).extracting(e -> e.field).containsExactly("spec.displayName");
        assertThat(check.errors(edited)).hasSize(1);
        assertThat(validations).hasValue(2);
    }

    @Test
    void tenantsAreKeptApartAndForgottenWhenDeleted() {
        check.errors(tenant("u1", "7"));
        check.errors(tenant("u2", "7"));
        assertThat(validations).hasValue(2);
        check.forget(tenant("u1", "7"));
        check.errors(tenant("u1", "7"));
        check.errors(tenant("u2", "7"));
        assertThat(validations).as("the forgotten one is validated again, the other is not").hasValue(3);
    }

    @Test
    void aTenantWithoutAVersionIsAlwaysValidated() {
        Tenant unsaved = tenant(null, null);
        check.errors(unsaved);
        check.errors(unsaved);
        assertThat(validations).hasValue(2);
    }
}
