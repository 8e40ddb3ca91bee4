// Reads calendars with Mozilla's ical.js (the library Thunderbird carries as Ical.sys.mjs) and
// prints each event's start and end as seconds since the epoch, computed from the file's own
// VTIMEZONE. Usage: node icaljs-instants.mjs PATH-TO-Ical.mjs FILES.json
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [library, listing] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(library).href)).default;
const rows = [];
for (const file of JSON.parse(readFileSync(listing, "utf8"))) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  // Each file's zones only: the service is emptied between files, as a client reading one
  // invitation would start.
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    rows.push({ file, uid: event.uid, start: event.startDate.toUnixTime(), end: event.endDate.toUnixTime() });
  }
}
process.stdout.write(JSON.stringify(rows));
