/** A node:test reporter that writes {passed, failed, skipped} of the run's tests (not suites) as JSON. */
export default async function* countReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details, skip, todo } = event.data;
    if (details?.type === 'suite') {
      // A suite that failed outside its tests (a hook or a load error) counts as one failure.
      if (event.type === 'test:fail' && details.error?.failureType !== 'subtestsFailed') totals.failed++;
      continue;
    }
    if (skip || todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else totals.failed++;
  }
  yield JSON.stringify(totals);
}
