package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A year of daily backups at 23:30 UTC (already the next day in Berlin) and two on-demand ones, kept by
 * keepLast 3, keepDaily 7, keepWeekly 4 and keepMonthly 12 counted in Europe/Berlin: the expected set is written out
 * by hand, day by day.
 */
class RetentionTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<Retention.Backup> aYearOfBackups() {
        List<Retention.Backup> backups = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 1, 1); !day.isAfter(LocalDate.of(2026, 12, 31)); day = day.plusDays(1)) {
            backups.add(backup(day + "T23:30:00Z"));
        }
        backups.add(backup("2026-12-31T10:00:00Z"));
        backups.add(backup("2026-12-20T12:00:00Z"));
        return backups;
    }

    private static Retention.Backup backup(String time) {
        return new Retention.Backup(time, Instant.parse(time));
    }

    @Test
    void aYearOfDailyBackupsKeepsExactlyTheGrandfatherFatherSonSetInThePolicysZone() {
        Set<String> kept = Retention.keep(aYearOfBackups(), new Retention.Policy(3, 7, 4, 12, BERLIN));
        assertThat(kept).containsExactlyInAnyOrder(
                // keepLast 3
                "2026-12-31T23:30:00Z", "2026-12-31T10:00:00Z", "2026-12-30T23:30:00Z",
                // keepDaily 7 (Berlin days 2027-01-01 back to 2026-12-26; Dec 31 local: the on-demand one is newest)
                "2026-12-29T23:30:00Z", "2026-12-28T23:30:00Z", "2026-12-27T23:30:00Z", "2026-12-26T23:30:00Z",
                "2026-12-25T23:30:00Z",
                // keepWeekly 4 (ISO weeks 2026-W53 .. W50 in Berlin; W51's newest is the on-demand one of Dec 20)
                "2026-12-20T12:00:00Z", "2026-12-12T23:30:00Z",
                // keepMonthly 12 (Berlin months 2027-01 .. 2026-02: each month's last local day starts at 23:30 UTC
                // the day before)
                "2026-11-29T23:30:00Z", "2026-10-30T23:30:00Z", "2026-09-29T23:30:00Z", "2026-08-30T23:30:00Z",
                "2026-07-30T23:30:00Z", "2026-06-29T23:30:00Z", "2026-05-30T23:30:00Z", "2026-04-29T23:30:00Z",
                "2026-03-30T23:30:00Z", "2026-02-27T23:30:00Z");
    }

    @Test
    void theSameBackupsCountedInUtcKeepOtherDays() {
        Set<String> kept = Retention.keep(aYearOfBackups(), new Retention.Policy(0, 2, 0, 0, ZoneId.of("UTC")));
        // Dec 31 UTC has two backups (10:00 and 23:30): the newer is kept; Dec 30 is the second day
        assertThat(kept).containsExactlyInAnyOrder("2026-12-31T23:30:00Z", "2026-12-30T23:30:00Z");
    }

    @Test
    void rulesThatKeepNothingKeepNothing() {
        assertThat(Retention.keep(aYearOfBackups(), new Retention.Policy(0, 0, 0, 0, BERLIN))).isEmpty();
        assertThat(Retention.keep(List.of(), new Retention.Policy(5, 5, 5, 5, BERLIN))).isEmpty();
    }
}
