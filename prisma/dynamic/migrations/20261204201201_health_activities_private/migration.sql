-- AlterTable
ALTER TABLE "feed_preferences" ADD COLUMN     "shared_health_kinds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Activities made from health data are health data: their actor's only, and their summaries name no
-- metric, value, action type or duration (issue 16.1). Existing rows are rewritten to that rule.
UPDATE "activities" SET "visibility" = 'PRIVATE', "summary" = CASE "type"
    WHEN 'GOAL_ACHIEVED' THEN 'achieved a health goal'
    WHEN 'HEALTH_ACTION_RECORDED' THEN 'recorded a health action'
    WHEN 'DEVICE_DATA_SYNCED' THEN 'synced a health device'
  END
WHERE "type" IN ('GOAL_ACHIEVED', 'HEALTH_ACTION_RECORDED', 'DEVICE_DATA_SYNCED');

-- Sharing with followers is the most a person can choose for them: never PUBLIC.
ALTER TABLE "activities" ADD CONSTRAINT "activities_health_never_public"
  CHECK ("topic" <> 'health' OR "visibility" <> 'PUBLIC');
