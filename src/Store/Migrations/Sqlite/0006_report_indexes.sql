-- Indexes for the reports at ten million dispensings (issue 6; bench/Reports, BENCHMARKS.md).
-- The aggregates filter by ATC prefix and day range and read only the columns listed, so with
-- these keys an aggregate is answered from the index alone (a covering index) instead of one
-- table page per dispensing. Same definitions on PostgreSQL.

-- An ATC level-3 class over a period (the regulator's usual question, and the public statistics'
-- level): AggregateSql filters a 4-character prefix as substr(atc, 1, 4) = class, so both the
-- class and the period bound the scan; by region (through pharmacy), month; counts, quantities
-- and distinct patients. atc itself comes last: PostgreSQL answers from the index alone only
-- when every column the statement names is in it, the one inside substr() included.
CREATE INDEX rm_dispensings_atc3_day_cover ON rm_dispensings (substr(atc, 1, 4), day, month, pharmacy, patient, quantity, atc);

-- Any other ATC prefix (a range on atc) over a period, by the same dimensions or by week.
CREATE INDEX rm_dispensings_atc_day_cover ON rm_dispensings (atc, day, month, week, pharmacy, patient, quantity);
DROP INDEX rm_dispensings_atc_day;

-- publicStatistics and period-only aggregates: one month or year, by ATC class, region and month.
CREATE INDEX rm_dispensings_day_cover ON rm_dispensings (day, atc, month, pharmacy);
DROP INDEX rm_dispensings_day;

-- Controlled drugs (a schedule, usually over a period): a few percent of the dispensings, so a
-- small partial index, and the rows it finds are read from the table.
CREATE INDEX rm_dispensings_schedule_day ON rm_dispensings (schedule, day) WHERE schedule IS NOT NULL;
