package io.flowstack.crds.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @Test
    void parsesDecimalBinaryAndExponentForms() {
        assertThat(Quantities.parse("500m")).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("2")).isEqualByComparingTo("2");
        assertThat(Quantities.parse("1Gi")).isEqualByComparingTo(BigDecimal.valueOf(1L << 30));
        assertThat(Quantities.parse("1G")).isEqualByComparingTo("1000000000");
        assertThat(Quantities.parse("1e3")).isEqualByComparingTo("1000");
        assertThat(Quantities.parse("1E")).isEqualByComparingTo("1e18");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Quantities.parse("lots")).hasMessageContaining("not a quantity");
        assertThatThrownBy(() -> Quantities.parse("1 Gi")).hasMessageContaining("not a quantity");
    }
}
