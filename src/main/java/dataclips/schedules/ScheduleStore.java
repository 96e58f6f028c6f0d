package dataclips.schedules;

import static dataclips.db.Tables.CLIP_SCHEDULES;

import dataclips.db.tables.records.ClipSchedulesRecord;
import dataclips.schedules.SnapshotSchedule.Every;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Clip schedules in the metadata database (clip_schedules); a deleted row takes its pending execution along. */
final class ScheduleStore {
    private final DSLContext db;

    ScheduleStore(DSLContext db) {
        this.db = db;
    }

    Optional<ClipSchedule> find(long clipId) {
        return db.selectFrom(CLIP_SCHEDULES).where(CLIP_SCHEDULES.CLIP_ID.eq(clipId)).fetchOptional(ScheduleStore::toSchedule);
    }

    List<ClipSchedule> all() {
        return db.selectFrom(CLIP_SCHEDULES).fetch(ScheduleStore::toSchedule);
    }

    /** Creates or replaces the clip's schedule. */
    void save(long clipId, SnapshotSchedule s, boolean follow, long userId) {
        boolean timed = s.every() != Every.HOURLY && s.every() != Every.CRON;
        ClipSchedulesRecord row = db.newRecord(CLIP_SCHEDULES);
        row.setClipId(clipId);
        row.setEvery(s.every().wire());
        row.setMinute(s.every() == Every.CRON ? null : (short) s.minute());
        row.setHour(timed ? (short) s.hour() : null);
        row.setWeekday(s.weekday().map(d -> (short) d.getValue()).orElse(null));
        row.setMonthDay(s.every() == Every.MONTHLY ? (short) s.monthDay() : null);
        row.setCron(s.cron().orElse(null));
        row.setZone(s.zone().getId());
        row.setFollow(follow);
        row.setCreatedBy(userId);
        db.insertInto(CLIP_SCHEDULES).set(row).onConflict(CLIP_SCHEDULES.CLIP_ID).doUpdate().set(row)
                .set(CLIP_SCHEDULES.UPDATED_AT, DSL.currentOffsetDateTime()).execute();
    }

    /** True when there was a schedule to delete. */
    boolean delete(long clipId) {
        return db.deleteFrom(CLIP_SCHEDULES).where(CLIP_SCHEDULES.CLIP_ID.eq(clipId)).execute() > 0;
    }

    private static ClipSchedule toSchedule(ClipSchedulesRecord r) {
        SnapshotSchedule schedule = new SnapshotSchedule(Every.parse(r.getEvery()).orElseThrow(), orZero(r.getMinute()),
                orZero(r.getHour()), Optional.ofNullable(r.getWeekday()).map(d -> DayOfWeek.of(d)),
                orZero(r.getMonthDay()), Optional.ofNullable(r.getCron()), ZoneId.of(r.getZone()));
        return new ClipSchedule(r.getClipId(), schedule, r.getFollow(), r.getUpdatedAt());
    }

    private static int orZero(Short value) {
        return value == null ? 0 : value;
    }
}
