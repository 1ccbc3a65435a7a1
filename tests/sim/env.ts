/** The simulation's process settings, imported before anything reads them: no CloudWatch metric lines, warnings only in the log. */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
/** The simulated city's points expire at the end of the year they were earned (年底清零), so a year's run ends with the expiry (actors/points-ledger.ts). */
process.env.POINTS_EXPIRY_YEARS ??= '0';
