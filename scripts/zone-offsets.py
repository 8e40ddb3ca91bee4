#!/usr/bin/env python3
"""Prints, for each zone named on standard input, where its UTC offset changes when sampled
hourly from 2024-01-01T00:00Z to the end of 2027: `NAME HOUR:OFFSET HOUR:OFFSET ...`, the
hour counted from the start, the offset in seconds. Python's zoneinfo reads the same system
tz database as Convene; the test suite compares the two (running two of these at once, each
with half of the zones, to use both cores)."""
import datetime
import sys
import zoneinfo

START = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
HOURS = (datetime.datetime(2028, 1, 1, tzinfo=datetime.timezone.utc) - START) // datetime.timedelta(hours=1)


def changes(name):
    zone = zoneinfo.ZoneInfo(name)
    out, previous = [name], None
    moment, step = START, datetime.timedelta(hours=1)
    for hour in range(HOURS):
        offset = int(moment.astimezone(zone).utcoffset().total_seconds())
        if offset != previous:
            out.append(f"{hour}:{offset}")
            previous = offset
        moment += step
    return " ".join(out)


if __name__ == "__main__":
    for name in sys.stdin.read().split():
        print(changes(name))
