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

-- Sharing with followers is the most a person can choose for them: never PUBLIC. A trigger, not a
-- CHECK constraint: the WebAssembly schema engine that writes migrations here cannot introspect CHECKs.
CREATE FUNCTION "activities_health_never_public"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."topic" = 'health' AND NEW."visibility" = 'PUBLIC' THEN
    RAISE EXCEPTION 'activities_health_never_public: a health-derived activity cannot be PUBLIC'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "activities_health_never_public"
  BEFORE INSERT OR UPDATE OF "topic", "visibility" ON "activities"
  FOR EACH ROW EXECUTE FUNCTION "activities_health_never_public"();
