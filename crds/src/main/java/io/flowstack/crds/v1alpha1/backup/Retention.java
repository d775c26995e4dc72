package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Grandfather-father-son retention: a backup is kept while any rule keeps it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.keepLast) && self.keepLast > 0) || (has(self.keepDaily) && self.keepDaily > 0)"
        + " || (has(self.keepWeekly) && self.keepWeekly > 0) || (has(self.keepMonthly) && self.keepMonthly > 0)",
        message = "retention keeps nothing: set at least one of keepLast, keepDaily, keepWeekly, keepMonthly above 0",
        reason = "FieldValueRequired")
public class Retention {
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Keep the newest N backups.")
    public Integer keepLast;

    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Keep the newest backup of each of the last N days.")
    public Integer keepDaily;

    @Min(0)
    @Max(520)
    @JsonPropertyDescription("Keep the newest backup of each of the last N ISO weeks.")
    public Integer keepWeekly;

    @Min(0)
    @Max(240)
    @JsonPropertyDescription("Keep the newest backup of each of the last N months.")
    public Integer keepMonthly;
}
