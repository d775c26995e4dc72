package io.flowstack.crds.manifest;

import java.util.List;

/** What {@code flowstack validate} found: the objects checked, those of other kinds passed over, and the errors. */
public record ValidationReport(int checked, int skipped, List<Finding> findings) {
    public boolean valid() {
        return findings.isEmpty();
    }
}
