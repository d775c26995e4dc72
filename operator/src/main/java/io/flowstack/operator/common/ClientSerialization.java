package io.flowstack.operator.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The operator's client serialization: fabric8's, with cheaper deep copies. The SDK copies a primary through
 * {@link #clone} before each reconcile of it (four times per new Tenant); fabric8 writes the object as JSON text and
 * parses the text back. Here {@link RequestBodies}' mapper writes it into a Jackson token buffer (no text: strings
 * and numbers are kept as they are, and strings, being immutable, may be shared by the copy), and this serialization's
 * own mapper reads it back, with the deserializers fabric8's copy uses. An object only fabric8 writes right (an
 * additional property named like a field, see {@link RequestBodies}) is copied by fabric8. {@code OperatorBeans}
 * gives the Quarkus client this serialization; the tests' clients get it too ({@code TestingCluster}). It knows every
 * kind of fabric8's model (found on the class path, as a plain fabric8 client finds them; Quarkus' own serialization
 * searches for none and its list of kinds held none the operator watches), and both register the operator's own kinds
 * ({@link #registerOperatorKinds}): fabric8 reads an object of a kind it does not know, such as a Deployment or a
 * Tenant in a watch event, as a generic resource and then converts it into the informer's class, decoding it twice.
 * {@code ClientSerializationTest} checks that a copy equals fabric8's for both example Tenants with status and their
 * stacks, and for the override cases, and shares no mutable part with the original.
 */
public class ClientSerialization extends KubernetesSerialization {
    /** The operator's own kinds, which fabric8's serialization does not know of itself. */
    public static final List<Class<? extends KubernetesResource>> OPERATOR_KINDS = List.of(Tenant.class,
            Workflow.class, Integration.class, BackupPolicy.class);

    private final ObjectMapper mapper;

    /** @param mapper the client's mapper, configured here as fabric8 configures its own */
    public ClientSerialization(ObjectMapper mapper) {
        super(mapper, true);
        this.mapper = mapper;
    }

    public ClientSerialization() {
        this(new ObjectMapper());
    }

    /** Reads the operator's own kinds ({@link #OPERATOR_KINDS}) straight into their classes from now on. */
    public ClientSerialization registerOperatorKinds() {
        OPERATOR_KINDS.forEach(this::registerKubernetesResource);
        return this;
    }

    /**
     * {@code value} as a {@code type}, as fabric8 converts it. An object of the model read into a {@code Map} — what the
     * SDK's server-side-apply matcher does with both the actual and the desired object of every dependent it compares,
     * 13 per Tenant whose dependents run — is written by {@link RequestBodies} into a token buffer, as {@link #clone}
     * does, not by fabric8's serializer; anything else, and an object only fabric8 writes right, fabric8 converts.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object value, Class<T> type) {
        if (type == Map.class && value instanceof KubernetesResource) {
            TokenBuffer tokens = RequestBodies.tokens(value);
            if (tokens != null) {
                try (JsonParser parser = tokens.asParser(mapper)) {
                    return (T) mapper.readValue(parser, Map.class);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return super.convertValue(value, type);
    }

    /** A deep copy of {@code resource}, equal to the one fabric8's serialization makes. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T clone(T resource) {
        if (resource == null) {
            return null;
        }
        TokenBuffer tokens = RequestBodies.tokens(resource);
        if (tokens == null) {
            return super.clone(resource);
        }
        try (JsonParser parser = tokens.asParser(mapper)) {
            return (T) mapper.readValue(parser, resource.getClass());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
