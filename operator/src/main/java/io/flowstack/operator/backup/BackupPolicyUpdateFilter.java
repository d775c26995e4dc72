package io.flowstack.operator.backup;

import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.operator.common.SpecOrMetadataChange;

/** BackupPolicy updates that call for a reconcile: not the operator's own status writes. */
public class BackupPolicyUpdateFilter extends SpecOrMetadataChange<BackupPolicy> {
}
