package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.flowstack.crds.v1alpha1.common.Patterns;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3Target {
    @Size(min = 1, max = 2048)
    @Pattern(Patterns.HTTP_URL)
    @JsonPropertyDescription("Endpoint URL of an S3-compatible service (MinIO, Ceph, R2...); AWS S3 of region when unset.")
    public String endpoint;

    @Required
    @Size(min = 3, max = 63)
    @Pattern("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
    @JsonPropertyDescription("Bucket name.")
    public String bucket;

    @Size(max = 512)
    @Pattern("^[^\\s]*$")
    @JsonPropertyDescription("Key prefix of the backups, e.g. tenants/acme/; the tenant's name when unset.")
    public String prefix;

    @Default("us-east-1")
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("Region of the bucket.")
    public String region;

    @Required
    @JsonPropertyDescription("Secret in the policy's namespace with the access key.")
    public S3Credentials credentialsSecretRef;

    @Default("false")
    @JsonPropertyDescription("Use path-style URLs (endpoint/bucket/key), as MinIO and most self-hosted services need.")
    public Boolean pathStyle;

    /** Where the S3 access key is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class S3Credentials {
        @Required
        @Size(min = 1, max = 253)
        @Pattern(Patterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of the Secret.")
        public String name;

        @Default("AWS_ACCESS_KEY_ID")
        @Pattern(Patterns.SECRET_KEY)
        @JsonPropertyDescription("Key of the access key id.")
        public String accessKeyIdKey;

        @Default("AWS_SECRET_ACCESS_KEY")
        @Pattern(Patterns.SECRET_KEY)
        @JsonPropertyDescription("Key of the secret access key.")
        public String secretAccessKeyKey;
    }
}
