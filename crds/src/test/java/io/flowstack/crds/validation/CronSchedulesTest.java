package io.flowstack.crds.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cronutils.model.Cron;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronSchedulesTest {
    private static final ZonedDateTime MONDAY_NOON = ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZoneId.of("UTC"));

    @Test
    void acceptsFiveFieldsNamesAndMacros() {
        assertThat(CronSchedules.parse("30 7 * * MON-FRI")).isNotNull();
        assertThat(CronSchedules.parse("*/15 * * * *")).isNotNull();
        assertThat(CronSchedules.parse("@daily")).isNotNull();
    }

    @Test
    void nextFiringHonoursTheExpression() {
        Cron weekdays = CronSchedules.parse("30 7 * * MON-FRI");
        assertThat(CronSchedules.next(weekdays, MONDAY_NOON)).contains(MONDAY_NOON.plusDays(1).withHour(7).withMinute(30));
    }

    @Test
    void longestIntervalOfADailyScheduleIsADay() {
        assertThat(CronSchedules.longestInterval(CronSchedules.parse("@daily"), MONDAY_NOON)).isEqualTo(Duration.ofDays(1));
        assertThat(CronSchedules.longestInterval(CronSchedules.parse("0 2 * * MON-FRI"), MONDAY_NOON))
                .isEqualTo(Duration.ofDays(3));
    }

    @Test
    void rejectsWrongFieldCountsRangesAndMacros() {
        assertThatThrownBy(() -> CronSchedules.parse("0 0 12 * * ?")).hasMessageContaining("has 6 fields");
        assertThatThrownBy(() -> CronSchedules.parse("60 * * * *")).hasMessageContaining("not a valid cron expression");
        assertThatThrownBy(() -> CronSchedules.parse("@fortnightly")).hasMessageContaining("unknown macro");
    }

    @Test
    void zonesMustBeIana() {
        assertThat(CronSchedules.zone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThatThrownBy(() -> CronSchedules.zone("Mars/Olympus")).hasMessageContaining("not an IANA time zone");
    }
}
