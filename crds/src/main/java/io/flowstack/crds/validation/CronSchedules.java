package io.flowstack.crds.validation;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Five-field cron expressions as Kubernetes CronJobs read them, plus the {@code @hourly}-style macros. The runtime
 * schedules with the same parser, so what validates here is what runs.
 */
public final class CronSchedules {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private CronSchedules() {
    }

    /** Parses a cron expression; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty cron expression");
        }
        String trimmed = expression.trim();
        String normalized = MACROS.getOrDefault(trimmed, trimmed);
        if (normalized.startsWith("@")) {
            throw new IllegalArgumentException("unknown macro " + trimmed + ": use @hourly, @daily, @weekly, @monthly or @yearly");
        }
        int fields = normalized.split("\\s+").length;
        if (fields != 5) {
            throw new IllegalArgumentException("\"" + expression + "\" has " + fields
                    + " fields; a cron expression has five: minute hour day-of-month month day-of-week");
        }
        try {
            Cron cron = PARSER.parse(normalized);
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + expression + "\" is not a valid cron expression: " + e.getMessage());
        }
    }

    /** The zone of a schedule; throws {@link IllegalArgumentException} for names that are not IANA zones. */
    public static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + timezone + "\" is not an IANA time zone: write it like UTC or Europe/Berlin");
        }
    }

    /** The next firing strictly after {@code after}, if the expression ever fires again. */
    public static Optional<ZonedDateTime> next(Cron cron, ZonedDateTime after) {
        return ExecutionTime.forCron(cron).nextExecution(after);
    }

    /** The longest gap between two firings within a year from {@code from}: the interval backup alerts are built on. */
    public static Duration longestInterval(Cron cron, ZonedDateTime from) {
        ExecutionTime time = ExecutionTime.forCron(cron);
        Duration longest = Duration.ZERO;
        Optional<ZonedDateTime> previous = time.nextExecution(from);
        ZonedDateTime end = from.plusYears(1);
        int guard = 0;
        while (previous.isPresent() && previous.get().isBefore(end) && guard++ < 600_000) {
            Optional<ZonedDateTime> next = time.nextExecution(previous.get());
            if (next.isEmpty()) {
                break;
            }
            Duration gap = Duration.between(previous.get(), next.get());
            if (gap.compareTo(longest) > 0) {
                longest = gap;
            }
            previous = next;
        }
        return longest;
    }
}
