package io.flowstack.crds.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of admitting one object: the object as the API server would store it (defaults applied) and the reasons
 * it would be rejected, if any.
 */
public record AdmissionResult(ObjectNode object, List<FieldViolation> violations) {
    public boolean accepted() {
        return violations.isEmpty();
    }
}
