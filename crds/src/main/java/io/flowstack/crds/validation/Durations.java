package io.flowstack.crds.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as Kubernetes users write them: {@code 500ms}, {@code 30s}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parsed durations by their text: a workflow's few duration strings are parsed for every execution and step, and
     * the regex and BigDecimal arithmetic showed in the webhook benchmark's profile. Bounded: cleared when full.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Duration> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PARSED_MAX = 1024;

    /** Parses a duration; throws {@link IllegalArgumentException} with a message a user can act on. */
    public static Duration parse(String text) {
        if (text != null) {
            Duration known = PARSED.get(text);
            if (known != null) {
                return known;
            }
        }
        Duration parsed = parseText(text);
        if (PARSED.size() >= PARSED_MAX) {
            PARSED.clear();
        }
        PARSED.put(text, parsed);
        return parsed;
    }

    private static Duration parseText(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration: write it like 30s, 5m or 1h30m");
        }
        Matcher matcher = PART.matcher(text);
        int position = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (matcher.find()) {
            if (matcher.start() != position) {
                break;
            }
            BigDecimal amount = new BigDecimal(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unit)));
            position = matcher.end();
        }
        if (position != text.length()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: write it like 30s, 5m or 1h30m");
        }
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
        }
    }
}
