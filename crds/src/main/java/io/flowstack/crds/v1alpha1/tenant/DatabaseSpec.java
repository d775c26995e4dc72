package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.SecretRef;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.mode != 'External' || has(self.connectionSecretRef)",
        message = "mode External needs connectionSecretRef: the Secret with host, port, database, user and password",
        fieldPath = ".connectionSecretRef", reason = "FieldValueRequired")
@ValidationRule(value = "self.mode != 'Shared' || has(self.adminSecretRef)",
        message = "mode Shared needs adminSecretRef: the Secret with the shared server's admin connection",
        fieldPath = ".adminSecretRef", reason = "FieldValueRequired")
@ValidationRule(value = "self.mode == 'External' || !has(self.connectionSecretRef)",
        message = "connectionSecretRef is only used with mode External",
        fieldPath = ".connectionSecretRef", reason = "FieldValueForbidden")
@ValidationRule(value = "self.mode == 'Shared' || !has(self.adminSecretRef)",
        message = "adminSecretRef is only used with mode Shared",
        fieldPath = ".adminSecretRef", reason = "FieldValueForbidden")
@ValidationRule(value = "self.mode == 'Managed' || !has(self.managed)",
        message = "managed settings are only used with mode Managed",
        fieldPath = ".managed", reason = "FieldValueForbidden")
public class DatabaseSpec {
    @Default("Managed")
    @JsonPropertyDescription("Managed: a PostgreSQL StatefulSet in the tenant namespace. External: a database you provide "
            + "(connectionSecretRef). Shared: the operator creates a role and database on a shared server (adminSecretRef).")
    public DatabaseMode mode;

    @JsonPropertyDescription("Settings of the managed PostgreSQL (mode Managed).")
    public ManagedDatabase managed;

    @JsonPropertyDescription("Secret with keys host, port, database, user, password (and optionally sslmode) of the "
            + "database to use (mode External); the operator copies it into the tenant namespace. "
            + "The namespace defaults to the operator's namespace.")
    public SecretRef connectionSecretRef;

    @JsonPropertyDescription("Secret with keys host, port, user, password (and optionally database, sslmode) of an account "
            + "that may create roles and databases on the shared server (mode Shared). "
            + "The namespace defaults to the operator's namespace.")
    public SecretRef adminSecretRef;
}
