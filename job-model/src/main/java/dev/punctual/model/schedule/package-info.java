/**
 * When a job fires: the sealed {@link dev.punctual.model.schedule.Schedule} (cron, fixed interval,
 * one time) with its shared {@link dev.punctual.model.schedule.ScheduleOptions}, and the one pure
 * function every module uses to compute the next fire time. Cron wall times are resolved in the
 * schedule's time zone with an explicit daylight-saving rule (see {@link
 * dev.punctual.model.schedule.CronExpression}).
 */
@NullMarked
package dev.punctual.model.schedule;

import org.jspecify.annotations.NullMarked;
