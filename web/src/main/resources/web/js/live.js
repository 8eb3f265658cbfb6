// What the pages share from the event stream: running units' progress (transient) and the recent events.

export const live = {
  /** "searchId/unit" → {peer, generation, generations, bestFitness, t, since: {t, generation}} */
  units: new Map(),
  /** Recent ledger events and view changes for the activity feed, newest first. */
  feed: [],
};
const FEED_LENGTH = 200;

export function remember(type, data) {
  live.feed.unshift({ at: Date.now(), type, data });
  live.feed.length = Math.min(live.feed.length, FEED_LENGTH);
}

/**
 * Keeps each running unit's latest report and where it stood when first seen by this page with the same
 * runner (the pace for the time-left estimate); a unit missing from a report has stopped running.
 */
export function progress(report) {
  const now = Date.now();
  const seen = new Set();
  for (const unit of report.units) {
    const key = `${unit.searchId}/${unit.unit}`;
    seen.add(key);
    const before = live.units.get(key);
    const since = before && before.peer === unit.peer && before.generation <= unit.generation
      ? before.since : { t: now, generation: unit.generation };
    live.units.set(key, { ...unit, since, t: now });
  }
  for (const key of [...live.units.keys()]) {
    if (!seen.has(key)) {
      live.units.delete(key);
    }
  }
}
