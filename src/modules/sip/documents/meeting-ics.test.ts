import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MeetingCalendarEntry, meetingIcs } from './meeting-ics.ts';

function entry(overrides: Partial<MeetingCalendarEntry> = {}): MeetingCalendarEntry {
  return {
    uid: 'sip-meeting-7f3a@somlos.se',
    start: new Date('2026-12-03T13:30:00+01:00'),
    durationMinutes: 90,
    title: 'SIP-möte',
    location: 'Storgatan 12, Umeå',
    videoLink: null,
    organiserUnitName: 'Psykiatrimottagning Umeå',
    description: 'Uppföljning av planen.',
    ...overrides,
  };
}

/** Property lines after unfolding (RFC 5545 3.1: CRLF followed by a space or tab continues a line). */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const property = (ics: string, name: string) =>
  lines(ics)
    .filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    .map((l) => l.slice(l.indexOf(':') + 1));

test('a valid iCalendar object: CRLF line ends, one VEVENT inside VCALENDAR', () => {
  const ics = meetingIcs(entry());
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), ics);
  assert.ok(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n'), ics);
  assert.doesNotMatch(ics.replaceAll('\r\n', ''), /[\r\n]/, 'no bare CR or LF');
  assert.deepEqual(property(ics, 'BEGIN'), ['VCALENDAR', 'VEVENT']);
  assert.deepEqual(property(ics, 'PRODID'), ['-//Sömlös//SIP//SV']);
});

test('DTSTART is the same instant in UTC, with the duration given', () => {
  const ics = meetingIcs(entry());
  assert.deepEqual(property(ics, 'DTSTART'), ['20261203T123000Z']);
  assert.deepEqual(property(ics, 'DURATION'), ['PT90M']);
  const summer = meetingIcs(entry({ start: new Date('2027-06-01T08:05:00+02:00'), durationMinutes: 120 }));
  assert.deepEqual(property(summer, 'DTSTART'), ['20270601T060500Z']);
  assert.deepEqual(property(summer, 'DURATION'), ['PT120M']);
});

test('the UID is the one given, so a re-issued file updates the same event', () => {
  assert.deepEqual(property(meetingIcs(entry()), 'UID'), ['sip-meeting-7f3a@somlos.se']);
  const moved = meetingIcs(entry({ start: new Date('2026-12-10T09:00:00Z') }));
  assert.deepEqual(property(moved, 'UID'), ['sip-meeting-7f3a@somlos.se']);
});

test('a place becomes the location, text escaped; no URL without a video link', () => {
  const ics = meetingIcs(entry());
  assert.deepEqual(property(ics, 'LOCATION'), ['Storgatan 12\\, Umeå']);
  assert.deepEqual(property(ics, 'URL'), []);
});

test('a video link is the URL, and the location when there is no place', () => {
  const videoLink = 'https://video.example.se/m/sip-123?pwd=a;b';
  const online = meetingIcs(entry({ location: null, videoLink }));
  assert.deepEqual(property(online, 'URL'), [videoLink]);
  assert.deepEqual(property(online, 'LOCATION'), ['https://video.example.se/m/sip-123?pwd=a\\;b']);
  const both = meetingIcs(entry({ videoLink }));
  assert.deepEqual(property(both, 'URL'), [videoLink]);
  assert.deepEqual(property(both, 'LOCATION'), ['Storgatan 12\\, Umeå']);
});

test('title and description are the caller’s; the convening unit is named at the end', () => {
  const ics = meetingIcs(entry({ description: 'Uppföljning; ta med kallelsen.\nRing vid förhinder.' }));
  assert.deepEqual(property(ics, 'SUMMARY'), ['SIP-möte']);
  assert.deepEqual(property(ics, 'DESCRIPTION'), [
    'Uppföljning\\; ta med kallelsen.\\nRing vid förhinder.\\n\\nSammankallande enhet: Psykiatrimottagning Umeå',
  ]);
});

test('nothing but what was passed: no placeholders, no organiser, no method, no alarms', () => {
  const ics = meetingIcs(entry());
  assert.doesNotMatch(ics, /undefined|null|NaN|\[object|Untitled|adamgibbons/);
  const names = lines(ics)
    .filter(Boolean)
    .map((l) => l.split(/[:;]/)[0]);
  assert.deepEqual(names, [
    'BEGIN',
    'VERSION',
    'CALSCALE',
    'PRODID',
    'X-PUBLISHED-TTL',
    'BEGIN',
    'UID',
    'SUMMARY',
    'DTSTAMP',
    'DTSTART',
    'DESCRIPTION',
    'LOCATION',
    'DURATION',
    'END',
    'END',
  ]);
});

test('bad input throws instead of writing a broken file', () => {
  assert.throws(
    () => meetingIcs(entry({ videoLink: 'inte en länk' })),
    /Kalenderfilen kunde inte skapas: url/,
  );
  assert.throws(() => meetingIcs(entry({ start: new Date('nonsense') })), /Kalenderfilen kunde inte skapas/);
  for (const durationMinutes of [0, -30, 1.5]) {
    assert.throws(() => meetingIcs(entry({ durationMinutes })), RangeError, String(durationMinutes));
  }
});
