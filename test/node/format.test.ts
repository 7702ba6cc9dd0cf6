import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, formatCalendarDate, localToday, parseCalendarDate } from '../../src/format/calendar-date.js';
import { formatPersonName } from '../../src/format/person-name.js';

/** Runs fn with the process in another time zone (Node reads TZ on every Date call). */
function inTimeZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('W1 calendar dates never shift with time zones', () => {
  it('in Los Angeles at 17:30 on 10 March (already the 11th in UTC) today is 2024-03-10', () => {
    inTimeZone('America/Los_Angeles', () => {
      const clock = new Date('2024-03-11T01:30:00Z'); // 2024-03-10T17:30-08:00
      assert.equal(localToday(clock), '2024-03-10');
    });
  });

  it('east of Greenwich just after midnight, today is already the local date', () => {
    inTimeZone('Pacific/Auckland', () => {
      assert.equal(localToday(new Date('2024-03-10T11:30:00Z')), '2024-03-11');
    });
  });

  for (const tz of ['America/Los_Angeles', 'UTC', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    it(`"2024-03-10" reads 10 Mar 2024 in ${tz}`, () => {
      inTimeZone(tz, () => {
        assert.equal(formatCalendarDate('2024-03-10', 'en-GB'), '10 Mar 2024');
        assert.equal(formatCalendarDate('2024-03-10', 'en-US'), 'Mar 10, 2024');
        assert.equal(formatCalendarDate('1985-07-20', 'de'), '20. Juli 1985');
      });
    });
  }

  it('last 7 days counts calendar days across a DST change and month ends', () => {
    assert.equal(addDays('2024-03-10', -6), '2024-03-04');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addDays('2023-12-31', 1), '2024-01-01');
  });
});

describe('W4 a missing date is empty, not today', () => {
  for (const value of [undefined, null, '', 'not a date', '2024-02-30', '2024-13-01', '2024-3-1']) {
    it(`${JSON.stringify(value)} formats as "" and never "Invalid Date"`, () => {
      assert.equal(formatCalendarDate(value, 'en-GB'), '');
      assert.equal(parseCalendarDate(value), undefined);
    });
  }
});

describe('W6 DICOM person names', () => {
  const cases: [string | null | undefined, string][] = [
    ['Doe^Jane', 'Doe, Jane'],
    ['Doe^John^A', 'Doe, John A'],
    ['Adams^John Robert Quincy^^Rev.^B.A. M.Div.', 'Adams, Rev. John Robert Quincy, B.A. M.Div.'],
    ['Morrison-Jones^Susan^^^Ph.D., Chief Executive Officer', 'Morrison-Jones, Susan, Ph.D., Chief Executive Officer'],
    ['Jane Doe', 'Jane Doe'],
    ['Doe^Jane^^^', 'Doe, Jane'],
    ['Doe^', 'Doe'],
    ['^Jane', 'Jane'],
    ['Müller^Zoë', 'Müller, Zoë'],
    ['Yamada^Tarou=山田^太郎=やまだ^たろう', 'Yamada, Tarou'],
    ['=山田^太郎', '山田, 太郎'],
    ['a=b <x>', 'a=b <x>'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${JSON.stringify(expected)}`, () => assert.equal(formatPersonName(raw), expected));
  }
});
