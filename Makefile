# Convene — the two commands a newcomer needs are `make demo` and `make test`.
# Each installs the system packages it needs first (scripts/install-deps.sh).

SWIFT ?= swift
CONVENE := .build/debug/convene
SAMPLE := agendas/wps-side-event-2022.yaml
PREFIX ?= /usr/local
BENCH_SIZES ?= 50,200,800
ICS_SIZES ?= 250,500,1000

.PHONY: all deps build demo test bench fuzz schema install clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Builds the side-event sample into out/.
demo: build
	$(CONVENE) check $(SAMPLE)
	$(CONVENE) build $(SAMPLE) -o out/wps-side-event-2022 --state out/wps-side-event-2022.convene.db
	@echo "demo: outputs in out/wps-side-event-2022/"

# Every test: the Swift test suites (ConveneTests, the library; ICalTests, the libical wrapper;
# EndToEndTests, the built binary; with CONVENE_EXTERNAL_TESTS=1 also the tests tagged external,
# which read Convene's calendars and zones with Python's icalendar and zoneinfo), the
# published JSON Schema against the sample agendas and template drafts, the calendars
# opened in real clients (khal, vobject), a sweep of 53 zones in three years read by vobject,
# icalendar, khal, Mozilla's ical.js and a Radicale CalDAV server at the tz database's
# instants, the printed sheets rendered by headless Chromium
# to PDF and PNG and read back with pdftotext, the event store under SIGKILL and two builds at
# once, convene send killed with SIGKILL 40 times while a sendmail stand-in takes its messages
# (each message it took is sent or unconfirmed in the store, each one sent was taken, a repeat
# only of an unconfirmed one, and a last send leaves nothing pending), convene send through a
# Postfix of its own on 127.0.0.1 (and msmtp to it, stopped and started again), convene
# publish into a Radicale CalDAV server of its own on 127.0.0.1 (read back with icalendar,
# updated, cancelled, a wrong password refused), the schedules of convene export (schedule.xml
# and schedule.json) read by xmllint, the c3voc schedule tools and pyfahrplan with every session
# at the public calendar's instants, convene live in headless Chromium (the console's buttons
# and keys shown on the timer, the board, the speaker's page and a second console within a
# second, each view photographed into out/live-check), under 200 WebSocket viewers (every
# update to each within 200 ms) and killed with kill -9 (the same day after the restart),
# convene live over TLS of its own and behind an nginx of its own configured as docs/live.md
# says (a self-signed certificate, the pages, an action and the WebSocket through it), and the
# libical paths under valgrind.
test: build
	@bash scripts/install-deps.sh --test
	CONVENE_EXTERNAL_TESTS=1 $(SWIFT) test
	python3 scripts/check-schema.py $(CONVENE)
	bash scripts/check-clients.sh $(CONVENE)
	python3 scripts/check-engines.py $(CONVENE) --ical-js .build/engines/Ical.mjs
	python3 scripts/check-print.py $(CONVENE) out/print-check
	python3 scripts/check-store.py $(CONVENE)
	python3 scripts/check-send-crash.py $(CONVENE)
	python3 scripts/check-mail.py $(CONVENE)
	python3 scripts/check-caldav.py $(CONVENE)
	python3 scripts/check-export.py $(CONVENE)
	python3 scripts/check-live-tls.py $(CONVENE)
	python3 scripts/check-live.py $(CONVENE) out/live-check
	bash scripts/check-leaks.sh

# The benchmarks. Slot search: generated busy calendars for 50, 200 and 800 people (a year of
# weekly and daily meetings plus 500 single events each), searched over 30 days at 5-minute
# steps; against libical alone in the same run, and against the same search in Python.
# Calendars: programmes of 250, 500 and 1,000 sessions, ten participants a session among three
# times as many people as sessions, and a forum of 1,000 sessions with 25 participants each among 3,000
# people: every file convene ics writes (each person's invite per session, their programme,
# the public calendar), against the same files written with Python's icalendar, with the peak
# memory of each run.
# Status: the event store of a 1,000-session forum with 25 people a session, read back and
# shown as convene status shows it.
# Send: that forum's 25,000 invitations written as drafts by the release convene send --outbox,
# into an empty outbox with a new event store, timed and with its peak memory (the issue's
# targets: under 20 s and 200 MB); then, once they are marked sent, a tenth of the sessions moved.
# Replies: 10,000 reply e-mails in a Maildir for a 1,000-session forum, read by convene replies
# into a new event store, then read again, with the peak memory of each run.
# The last run's calendar folders go first, minutes before new ones are written: on a file system
# that holds back freshly freed inodes (ext4 without a journal), writing tens of thousands of
# files straight after deleting as many takes several times longer, for Convene and Python alike.
bench: deps
	rm -rf out/bench/ics-*/convene out/bench/ics-*/python out/bench/send-*/outbox
	@bash scripts/install-deps.sh --bench
	$(SWIFT) build -c release --product convene-bench
	$(SWIFT) build -c release --product convene
	.build/release/convene-bench --out out/bench --sizes $(BENCH_SIZES)
	python3 scripts/slots-python.py out/bench $(BENCH_SIZES)
	@python3 scripts/bench-summary.py out/bench
	@mkdir -p out/bench
	/usr/bin/time -f "%M" -o out/bench/ics-sizes-peak-kb .build/release/convene-bench --ics --out out/bench --sizes $(ICS_SIZES)
	/usr/bin/time -f "%M" -o out/bench/ics-forum-peak-kb .build/release/convene-bench --ics --forum --out out/bench
	.build/release/convene-bench --status --out out/bench --sizes 1000
	/usr/bin/time -f "%M" -o out/bench/ics-sizes-python-peak-kb python3 scripts/ics-python.py out/bench $(ICS_SIZES)
	/usr/bin/time -f "%M" -o out/bench/ics-forum-python-peak-kb python3 scripts/ics-python.py out/bench forum
	.build/release/convene-bench --send --out out/bench
	@python3 scripts/bench-summary.py out/bench --ics
	@python3 scripts/bench-summary.py out/bench --send
	python3 scripts/bench-replies.py .build/release/convene out/bench

# Mutation fuzzing of agendas, rosters and busy calendars, FUZZ_SECONDS per kind (10 minutes
# unless given): crashes, hangs, undocumented exit codes and writes outside the output folder,
# each kept in out/fuzz/findings/ with the command that reproduces it. Not part of make test.
FUZZ_SECONDS ?= 600
fuzz: build
	python3 scripts/fuzz.py $(CONVENE) --seconds $(FUZZ_SECONDS) --out out/fuzz

# Regenerates the published JSON Schemas after a change to the agenda or roster format.
schema: build
	$(CONVENE) schema -o schema/agenda.schema.json --force
	$(CONVENE) schema --roster -o schema/roster.schema.json --force

install: build
	$(SWIFT) build -c release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/convene/templates
	install -m 755 .build/release/convene $(DESTDIR)$(PREFIX)/bin/convene
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/convene/templates/

clean:
	rm -rf .build out
