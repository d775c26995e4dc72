package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cached objects share the subtrees of their field sets, and read exactly as before. */
class FieldSetInternerTest {
    private static ConfigMap object(String uid) {
        return Serialization.unmarshal("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "ns", "managedFields": [
                  {"manager": "flowstack-operator", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1",
                   "fieldsV1": {"f:data": {"f:a": {}, "f:b": {}},
                                "f:metadata": {"f:labels": {"f:app": {}}, "f:ownerReferences": {"k:{\\"uid\\":\\"%s\\"}": {}}}}}
                ]}, "data": {"a": "1", "b": "2"}}
                """.formatted(uid), ConfigMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(ConfigMap object) {
        return object.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties();
    }

    @Test
    void twoObjectsShareWhatTheirFieldSetsHaveInCommonAndReadTheSame() {
        FieldSetInterner interner = new FieldSetInterner();
        ConfigMap first = object("uid-1");
        String before = Serialization.asJson(first);
        interner.intern(first);
        ConfigMap second = interner.intern(object("uid-2"));
        assertThat(Serialization.asJson(first)).isEqualTo(before);
        assertThat(fields(first).get("f:data")).as("the same subtree, one copy").isSameAs(fields(second).get("f:data"));
        Map<String, Object> firstMeta = (Map<String, Object>) fields(first).get("f:metadata");
        Map<String, Object> secondMeta = (Map<String, Object>) fields(second).get("f:metadata");
        assertThat(firstMeta).isNotSameAs(secondMeta).isNotEqualTo(secondMeta);
        assertThat(firstMeta.get("f:labels")).isSameAs(secondMeta.get("f:labels"));
        assertThat(((Map<String, Object>) fields(first).get("f:data")).get("f:a"))
                .as("every empty leaf is one map").isSameAs(((Map<String, Object>) firstMeta.get("f:labels")).get("f:app"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInternedFieldSetEqualsAndHashesLikeTheMapItWasReadAs() {
        Map<String, Object> read = fields(object("uid-1"));
        Map<String, Object> interned = fields(new FieldSetInterner().intern(object("uid-1")));
        assertThat(interned).isInstanceOf(FieldSet.class).isEqualTo(read).hasSameHashCodeAs(read);
        assertThat(read).isEqualTo(interned);
        assertThat((Map<String, Object>) interned.get("f:metadata")).isEqualTo(read.get("f:metadata"))
                .hasSameHashCodeAs(read.get("f:metadata"));
        assertThat(interned).isNotEqualTo(fields(object("uid-2")));
    }

    @Test
    void fieldSetsOfTwoInternersCompareByContent() {
        Map<String, Object> one = fields(new FieldSetInterner().intern(object("uid-1")));
        Map<String, Object> same = fields(new FieldSetInterner().intern(object("uid-1")));
        Map<String, Object> other = fields(new FieldSetInterner().intern(object("uid-2")));
        assertThat(one).isNotSameAs(same).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one.get("f:metadata")).isNotSameAs(same.get("f:metadata")).isEqualTo(same.get("f:metadata"));
        assertThat(one).isNotEqualTo(other);
        assertThat(one.get("f:data")).isEqualTo(other.get("f:data"));
    }

    @Test
    void aLeafThatDiffersDeepDownMakesTheFieldSetsDiffer() {
        FieldSetInterner interner = new FieldSetInterner();
        Map<String, Object> withNull = new java.util.LinkedHashMap<>();
        withNull.put("f:a", null);
        Map<String, Object> withOther = Map.of("f:b", Map.of());
        Map<String, Object> withValue = Map.of("f:a", "x");
        Map<String, Object> first = interner.internMap(Map.of("f:spec", Map.of("f:x", withNull)));
        assertThat(first).isNotEqualTo(interner.internMap(Map.of("f:spec", Map.of("f:x", withOther))))
                .isNotEqualTo(interner.internMap(Map.of("f:spec", Map.of("f:x", withValue))))
                .isEqualTo(interner.internMap(Map.of("f:spec", Map.of("f:x", withNull))))
                .isSameAs(interner.internMap(Map.of("f:spec", Map.of("f:x", withNull))));
    }

    @Test
    void sharedFieldSetsCannotBeChangedThroughOneObject() {
        ConfigMap object = new FieldSetInterner().intern(object("uid-1"));
        assertThatThrownBy(() -> fields(object).put("f:other", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields(object).entrySet().iterator().next().setValue(Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields(object).remove("f:data")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void subtreesNoObjectUsesAnyMoreAreLetGo() throws InterruptedException {
        FieldSetInterner interner = new FieldSetInterner();
        for (int i = 0; i < 100; i++) {
            interner.intern(object("uid-" + i));   // each unique subtree referenced by nothing once this returns
        }
        for (int i = 0; i < 50 && interner.size() > 10; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(interner.size()).isLessThanOrEqualTo(10);
    }
}
