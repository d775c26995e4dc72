package io.flowstack.crds.validation;

import io.flowstack.crds.v1alpha1.workflow.InputProperty;
import io.flowstack.crds.v1alpha1.workflow.InputSpec;
import io.flowstack.crds.v1alpha1.workflow.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The shape of a workflow that no expression decides: its input schema, its step names and their needs (no cycles). */
final class WorkflowStructure {
    private WorkflowStructure() {
    }

    static void checkInput(InputSpec input, Problems problems) {
        for (Map.Entry<String, InputProperty> entry : input.properties.entrySet()) {
            String path = "spec.input.properties[" + entry.getKey() + "]";
            InputProperty property = entry.getValue();
            if (!entry.getKey().matches("^[a-zA-Z_][a-zA-Z0-9_]*$")) {
                problems.add(path, "input names must be identifiers (letters, digits, _), so expressions can read input."
                        + entry.getKey());
            }
            if (property.defaultValue != null && !InputTypes.matches(property.type, property.defaultValue)) {
                problems.add(path + ".default", "default " + property.defaultValue + " is not of type " + property.type);
            }
            if (property.enumValues != null && property.type != InputProperty.InputType.string) {
                problems.add(path + ".enum", "enum is only supported for type string");
            }
            if (property.minimum != null && property.maximum != null && property.minimum > property.maximum) {
                problems.add(path + ".minimum", "minimum " + property.minimum + " is above maximum " + property.maximum);
            }
            if (property.minLength != null && property.maxLength != null && property.minLength > property.maxLength) {
                problems.add(path + ".minLength", "minLength " + property.minLength + " is above maxLength " + property.maxLength);
            }
            if (property.pattern != null) {
                try {
                    com.google.re2j.Pattern.compile(property.pattern);
                } catch (com.google.re2j.PatternSyntaxException e) {
                    problems.add(path + ".pattern", "not a valid regular expression: " + e.getDescription());
                }
            }
        }
        for (int i = 0; i < input.required.size(); i++) {
            String name = input.required.get(i);
            if (!input.properties.containsKey(name)) {
                problems.add("spec.input.required[" + i + "]", "\"" + name + "\" is not one of spec.input.properties: "
                        + "declare it there or remove it here");
            }
        }
    }

    static boolean checkNames(List<Step> steps, Problems problems) {
        Map<String, Integer> seen = new HashMap<>();
        boolean unique = true;
        for (int i = 0; i < steps.size(); i++) {
            Integer first = seen.putIfAbsent(steps.get(i).name, i);
            if (first != null) {
                unique = false;
                problems.add("spec.steps[" + i + "].name", "duplicate step name \"" + steps.get(i).name
                        + "\" (also spec.steps[" + first + "].name): step names must be unique");
            }
        }
        return unique;
    }

    static boolean checkNeeds(List<Step> steps, Problems problems) {
        Set<String> names = new TreeSet<>();
        steps.forEach(s -> names.add(s.name));
        boolean known = true;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.needs == null) {
                continue;
            }
            Set<String> seen = new java.util.HashSet<>();
            for (int j = 0; j < step.needs.size(); j++) {
                String need = step.needs.get(j);
                String path = "spec.steps[" + i + "].needs[" + j + "]";
                if (need.equals(step.name)) {
                    known = false;
                    problems.add(path, "step \"" + step.name + "\" cannot need itself");
                } else if (!names.contains(need)) {
                    known = false;
                    problems.add(path, "no step named \"" + need + "\": use one of " + String.join(", ", names));
                } else if (!seen.add(need)) {
                    problems.add(path, "\"" + need + "\" is listed twice");
                }
            }
        }
        return known;
    }

    /** Reports a cycle at the needs entry of its first step that points to the next step in the cycle. */
    static void reportCycle(List<Step> steps, List<String> cycle, Problems problems) {
        String from = cycle.get(0);
        String to = cycle.get(1);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!step.name.equals(from)) {
                continue;
            }
            String path = "spec.steps[" + i + "].needs";
            if (step.needs != null && step.needs.contains(to)) {
                path = path + "[" + step.needs.indexOf(to) + "]";
            }
            problems.add(path, "steps form a cycle: " + String.join(" -> ", cycle)
                    + " (each waits for the next): remove one of these needs");
            return;
        }
    }
}
