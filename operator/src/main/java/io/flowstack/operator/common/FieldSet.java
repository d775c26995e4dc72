package io.flowstack.operator.common;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One node of an interned managedFields field set: an unmodifiable map that knows its hash. A map's hash is the sum
 * of its entries' (the {@link Map} contract, so it equals and hashes like any other map of the same entries), and a
 * child's is already known, so a node's hash costs one pass over its own keys rather than a walk of its subtree, and
 * two nodes whose hashes differ are unequal at once. The interner compares a new node with a known one whose
 * children are both interned: equal children are then the same object, and the comparison stops at the first level.
 */
final class FieldSet extends AbstractMap<String, Object> {
    static final FieldSet EMPTY = new FieldSet(Map.of());

    private final Map<String, Object> entries;
    private final int hash;

    /** {@code entries} is taken over: the caller keeps no reference to it. */
    FieldSet(Map<String, Object> entries) {
        this.entries = entries;
        int sum = 0;
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            sum += Objects.hashCode(entry.getKey()) ^ Objects.hashCode(entry.getValue());
        }
        this.hash = sum;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Collections.unmodifiableMap(entries).entrySet();
    }

    @Override
    public Object get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof FieldSet that)) {
            return super.equals(other);
        }
        if (hash != that.hash || entries.size() != that.entries.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            Object mine = entry.getValue();
            Object theirs = that.entries.get(entry.getKey());
            if (mine != theirs && (theirs == null ? mine != null || !that.entries.containsKey(entry.getKey())
                    : !theirs.equals(mine))) {
                return false;
            }
        }
        return true;
    }
}
