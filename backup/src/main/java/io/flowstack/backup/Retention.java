package io.flowstack.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Grandfather-father-son retention: a backup is kept while any rule keeps it. keepLast keeps the newest N; keepDaily,
 * keepWeekly and keepMonthly keep the newest backup of each of the newest N days, ISO weeks and months that have a
 * backup, counted in the policy's time zone. A pure function of the backups and the policy.
 */
public final class Retention {
    /** The rules (0: the rule keeps nothing) and the zone days, weeks and months are counted in. */
    public record Policy(int keepLast, int keepDaily, int keepWeekly, int keepMonthly, ZoneId zone) {
    }

    /** A backup, by name and when it was taken. */
    public record Backup(String name, Instant time) {
    }

    private Retention() {
    }

    /** The names of the backups to keep. */
    public static Set<String> keep(List<Backup> backups, Policy policy) {
        List<Backup> newestFirst = new ArrayList<>(backups);
        newestFirst.sort(Comparator.comparing(Backup::time).reversed().thenComparing(Backup::name));
        Set<String> kept = new LinkedHashSet<>();
        newestFirst.stream().limit(policy.keepLast()).forEach(b -> kept.add(b.name()));
        keepNewestPerBucket(newestFirst, policy.keepDaily(), b -> day(b, policy.zone()), kept);
        keepNewestPerBucket(newestFirst, policy.keepWeekly(), b -> {
            LocalDate date = day(b, policy.zone());
            return date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        }, kept);
        keepNewestPerBucket(newestFirst, policy.keepMonthly(), b -> YearMonth.from(day(b, policy.zone())), kept);
        return kept;
    }

    private static LocalDate day(Backup backup, ZoneId zone) {
        return backup.time().atZone(zone).toLocalDate();
    }

    private static void keepNewestPerBucket(List<Backup> newestFirst, int buckets, Function<Backup, Object> bucketOf,
                                            Set<String> kept) {
        Set<Object> seen = new HashSet<>();
        for (Backup backup : newestFirst) {
            if (seen.size() >= buckets) {
                return;
            }
            if (seen.add(bucketOf.apply(backup))) {
                kept.add(backup.name());
            }
        }
    }
}
