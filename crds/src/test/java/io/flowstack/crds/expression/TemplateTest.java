package io.flowstack.crds.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void splitsTextAndExpressions() throws ExpressionException {
        Template template = Template.parse("Hello ${{ input.name }}, you are ${{ input.age }}!");
        assertThat(template.parts()).containsExactly(
                new Template.Part("Hello ", false), new Template.Part("input.name", true),
                new Template.Part(", you are ", false), new Template.Part("input.age", true), new Template.Part("!", false));
        assertThat(template.isSingleExpression()).isFalse();
    }

    @Test
    void closingBracesInsideStringLiteralsDoNotEndTheExpression() throws ExpressionException {
        Template template = Template.parse("${{ 'a}}b' + input.x }}");
        assertThat(template.isSingleExpression()).isTrue();
        assertThat(template.expressions()).containsExactly("'a}}b' + input.x");
    }

    @Test
    void bareAndWrappedExpressionsAreTheSame() throws ExpressionException {
        assertThat(Template.bareExpression("input.n > 3")).isEqualTo("input.n > 3");
        assertThat(Template.bareExpression("${{ input.n > 3 }}")).isEqualTo("input.n > 3");
        assertThatThrownBy(() -> Template.bareExpression("x ${{ y }}")).hasMessageContaining("single expression");
    }

    @Test
    void unclosedAndEmptyExpressionsAreErrors() {
        assertThatThrownBy(() -> Template.parse("a ${{ b")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> Template.parse("a ${{ }}")).hasMessageContaining("empty");
    }

    @Test
    void stepReferencesAreFoundInSelectAndIndexForm() throws ExpressionException {
        Cel cel = Cel.forWorkflows(List.of("steps", "input"));
        var ast = cel.compile("steps.score.output.value > 3 && steps['enrich'].output != null && input.x == 1");
        assertThat(References.stepsReadBy(ast)).containsExactlyInAnyOrder("score", "enrich");
    }

    @Test
    void celEvaluatesWithTheStringExtensions() throws ExpressionException {
        Cel cel = Cel.forWorkflows(List.of("input"));
        assertThat(cel.evaluate("input.name.upperAscii() + '!'", Map.of("input", Map.of("name", "ada")))).isEqualTo("ADA!");
    }
}
