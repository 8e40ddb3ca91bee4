#!/usr/bin/env python3
"""Writes what Convene knows of each language it prints in from the Unicode CLDR, as shipped by
the Babel package (pip install babel):

  Sources/Convene/Printing/LocaleFormats.swift  how each language writes dates (weekday and
      month names, the date pattern), clock times and spans of them, its digits and decimal
      separator, its plural rules, "N days" and "N min", its direction, and the names people
      write for it in agendas ("dari", "français", "русский")
  Sources/Convene/Printing/ZoneCities.swift     how readers of each language name the city of
      each IANA zone ("Asia/Kabul" is "Kaboul", "Кабул", "کابل"), where that differs from the
      English name Convene derives from the zone name
  Sources/Convene/Printing/LanguageNames.swift  each language's name as readers of each language
      write it, for the interpreted languages a sheet lists ("English ↔ Dari", "anglais ↔ dari")

The sheets' own words (labels, kinds, notices, "3 speakers") are not here: translators edit them
in templates/labels/LANG.yaml. Where Convene departs from CLDR on purpose, the departure is in
LANGUAGES below with its reason; docs/printing.md has the table of choices.

Its output depends on the Babel release alone (the zones are CLDR's own list), and names it. Run it
from the repository's root after installing a newer Babel, and commit the result. --check writes
nothing and exits 1 when the committed files differ from what it would write; make test runs it
(scripts/install-deps.sh --test installs the Babel the files name)."""
import sys
import unicodedata

import babel
from babel import Locale
from babel.core import get_global

FORMATS = "Sources/Convene/Printing/LocaleFormats.swift"
CITIES = "Sources/Convene/Printing/ZoneCities.swift"
LANGUAGE_NAMES = "Sources/Convene/Printing/LanguageNames.swift"

# Each language Convene prints in: its code in agendas and sheets (the Swift case), the CLDR
# locale its data comes from, and what Convene does differently from that locale, with why.
LANGUAGES = [
    # British English, as the sheets have always been written ("Organised by"); the date without
    # CLDR's comma after the weekday ("Wednesday 19 October 2022"), and "min" for any number of
    # minutes rather than CLDR's short plural "mins", as the sheets have always printed them.
    dict(code="en", case="en", locale="en_GB", date="EEEE d MMMM y", minutes={"one": "{0} min", "other": "{0} min"}),
    # French typography as the sheets have printed it: "8 h 15" (Imprimerie nationale) rather than
    # CLDR's "08:15", spans "8 h 15 – 9 h 45" with spaces, and "1er" for the first of the month.
    dict(code="fr", case="fr", locale="fr", clock="H' h 'mm", separator=" – ", first_day="1er"),
    dict(code="uk", case="uk", locale="uk"),
    dict(code="es", case="es", locale="es"),
    dict(code="ru", case="ru", locale="ru"),
    # Arabic with CLDR's default digits for ar, the Latin ones (0123): those of the UN's Arabic
    # documents and of the numbers an agenda's own text carries (resolution 1325, rooms, links,
    # telephone numbers). Minutes in CLDR's long form ("55 دقيقة"): the short one is the letter د.
    dict(code="ar", case="ar", locale="ar", minutes_width="long"),
    # Dari as written in Afghanistan (CLDR's fa_AF: Afghan month names such as اکتوبر, Kabul's
    # usage), with its default Extended Arabic-Indic digits (۰۱۲) as Afghan print uses them, and
    # the Solar Hijri date beside the Gregorian one (month names from Foundation's persian calendar).
    dict(code="fa-AF", case="faAF", locale="fa_AF", solar_hijri=True),
    # Pashto (CLDR's ps, Afghanistan), likewise: ۰۱۲ digits, the Solar Hijri date beside.
    dict(code="ps", case="ps", locale="ps", solar_hijri=True),
]

# Names people write for a language beside the ones CLDR gives (every CLDR name of each language
# in each of the locales above counts too): other spellings and common variants. Convene compares
# names without case and accents, so "francais" needs no entry of its own.
EXTRA_NAMES = {
    "en": ["english"],
    "fr": ["french"],
    "es": ["castellano", "castilian"],
    "ru": ["russkiy", "russkij"],
    "ar": ["عربي", "arabe"],
    "fa-AF": ["dari persian", "farsi-dari", "دري"],
    "ps": ["pushto", "pashtu", "pakhto", "پشتو"],
}

# Kyiv is written from Ukrainian in French too (as the French government writes it), not
# CLDR's older "Kiev".
SKIP_CITIES = {("fr", "Europe/Kyiv"), ("fr", "Europe/Kiev"), ("fr", "Europe/Zaporozhye"), ("fr", "Europe/Uzhgorod")}

PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"]


def swift_string(text):
    out = []
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif unicodedata.category(char) in ("Cf", "Zs") and char != " ":
            out.append("\\u{%X}" % ord(char))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def digits(system):
    if system == "latn":
        return "0123456789"
    names = {"arab": "ARABIC-INDIC DIGIT", "arabext": "EXTENDED ARABIC-INDIC DIGIT"}
    words = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]
    return "".join(unicodedata.lookup(f"{names[system]} {word}") for word in words)


def tokens(pattern):
    """A CLDR date or time pattern as literal text and fields: [('text', 'р.'), ('field', 'd')]."""
    result, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            end = pattern.index("'", index + 1) if "'" in pattern[index + 1:] else len(pattern)
            result.append(("text", pattern[index + 1:end] or "'"))
            index = end + 1
        elif "a" <= char.lower() <= "z":
            end = index
            while end < len(pattern) and pattern[end] == char:
                end += 1
            result.append(("field", pattern[index:end]))
            index = end
        else:
            result.append(("text", char))
            index += 1
    return result


DATE_FIELDS = {"EEEE": "{weekday}", "d": "{day}", "dd": "{day}", "MMMM": "{month}", "y": "{year}", "yyyy": "{year}"}
CLOCK_FIELDS = {"H": "{H}", "HH": "{HH}", "mm": "{mm}"}


def placeholders(pattern, fields, what):
    out = []
    for kind, value in tokens(pattern):
        if kind == "text":
            out.append(value)
        elif value in fields:
            out.append(fields[value])
        else:
            sys.exit(f"cldr-data: the {what} pattern '{pattern}' has the field {value}, which Convene does not write")
    return "".join(out)


def plural_rules(locale):
    """CLDR's plural rules for whole numbers from 0 up, as alternatives of conditions: the
    operands that only decimals have (v, w, f, t, e, c) are 0, and n and i are the count."""

    def relation(node):
        method, expr, ranges = node
        modulus = None
        if expr[0] == "mod":
            (operand, _), (_, (modulus,)) = expr[1]
        else:
            operand = expr[0]
        spans = [(low[1][0], high[1][0]) for low, high in ranges[1]]
        if operand in ("n", "i"):
            return [[(modulus, spans)]], None
        value = 0 if modulus is None else 0 % modulus
        return None, any(low <= value <= high for low, high in spans)

    def dnf(node, negate=False):
        kind, body = node
        if kind == "not":
            return dnf(body[0], not negate)
        if kind == "relation":
            conditions, constant = relation(body)
            if constant is not None:
                return [[]] if constant != negate else []
            ((modulus, spans),), = conditions
            return [[(modulus, spans, negate)]]
        left, right = body
        if (kind == "or") != negate:  # or, or a negated and (De Morgan)
            return dnf(left, negate) + dnf(right, negate)
        return [a + b for a in dnf(left, negate) for b in dnf(right, negate)]

    rules = []
    for category, node in locale.plural_form.abstract:
        alternatives = dnf(node)
        if alternatives:
            rules.append((category, alternatives))
    return sorted(rules, key=lambda rule: PLURAL_CATEGORIES.index(rule[0]))


def categories(locale):
    return [category for category, _ in plural_rules(locale)] + ["other"]


def unit(locale, name, width, override=None, joined=False):
    if override:
        patterns = dict(override)
    else:
        table = locale._data["unit_patterns"][name]
        widths = [width] + [w for w in ("long", "short", "narrow") if w != width]
        patterns = {}
        for each in widths:
            candidate = {k: v for k, v in dict(table.get(each, {})).items() if k in PLURAL_CATEGORIES}
            if "other" in candidate:
                patterns = candidate
                break
    if "other" not in patterns:
        sys.exit(f"cldr-data: {locale} has no pattern for {name}")
    if joined:  # the number and its unit never part at the end of a line
        patterns = {k: v.replace("{0} ", "{0}\u00a0") for k, v in patterns.items()}
    return {k: v.replace("{0}", "{n}") for k, v in patterns.items() if k in categories(locale)}


def names():
    by_code = {language["code"]: set() for language in LANGUAGES}
    cldr_key = {language["code"]: language["locale"] if language["code"] == "fa-AF" else language["code"] for language in LANGUAGES}
    for reader in LANGUAGES:
        locale = Locale.parse(reader["locale"])
        for code, key in cldr_key.items():
            name = locale.languages.get(key)
            if name and "(" not in name:
                by_code[code].add(name.lower())
    for code, extra in EXTRA_NAMES.items():
        by_code[code].update(name.lower() for name in extra)
    seen = {}
    for code, written in by_code.items():
        for name in written:
            if name in seen and seen[name] != code:
                sys.exit(f"cldr-data: '{name}' names both {seen[name]} and {code}")
            seen[name] = code
    return {code: sorted(written) for code, written in by_code.items()}


def interval_separator(locale):
    parts = locale.interval_formats.get("Hm", {}).get("H")
    if not parts:
        return "–"
    # The first part is the start's pattern followed by the separator: "HH:mm–", "H:mm تا ".
    text = placeholders(parts[0], CLOCK_FIELDS, "interval")
    end = max(text.rfind("{HH}"), text.rfind("{H}"), text.rfind("{mm}"))
    tail = text[end:]
    return tail[tail.index("}") + 1:] or "–"


def formats(language, spoken_names):
    locale = Locale.parse(language["locale"])
    system = locale.default_numbering_system
    symbols = locale.number_symbols[system]
    weekdays = [locale.days["format"]["wide"][index] for index in range(7)]
    months = [locale.months["format"]["wide"][index] for index in range(1, 13)]
    date = placeholders(language.get("date", locale.date_formats["full"].pattern), DATE_FIELDS, "date")
    clock = placeholders(language.get("clock", locale.datetime_skeletons["Hm"].pattern), CLOCK_FIELDS, "clock")
    separator = language.get("separator", interval_separator(locale))
    long_date = placeholders(locale.date_formats["long"].pattern, DATE_FIELDS, "date")
    # Between the items of a list, as CLDR's standard list starts: ", ", "، ", " و".
    start = str(locale.list_patterns["standard"]["start"])
    list_separator = start[start.index("{0}") + 3:start.index("{1}")]
    date_time = "".join(value for _, value in tokens(str(locale.datetime_formats["long"]))).replace("{1}", "{date}").replace("{0}", "{time}")
    rules = plural_rules(locale)
    lines = [
        f"    /// {locale.english_name}: CLDR's {language['locale']}" + (", with Convene's departures (scripts/cldr-data.py says why)." if set(language) - {"code", "case", "locale"} else "."),
        f"    static let {language['case']} = LocaleFormat(",
        f"        locale: {swift_string(language['locale'])}, rightToLeft: {'true' if locale.character_order == 'right-to-left' else 'false'},",
        f"        digits: {swift_string(digits(system))}, decimalSeparator: {swift_string(symbols['decimal'])},",
        f"        weekdays: [{', '.join(swift_string(day) for day in weekdays)}],",
        f"        months: [{', '.join(swift_string(month) for month in months)}],",
        f"        date: {swift_string(date)}, firstDay: {swift_string(language['first_day']) if 'first_day' in language else 'nil'},",
        f"        clock: {swift_string(clock)}, spanSeparator: {swift_string(separator)}, dateTime: {swift_string(date_time)},",
        f"        listSeparator: {swift_string(list_separator)},",
        "        plural: PluralRules([",
    ]
    for category, alternatives in rules:
        rendered = []
        for conditions in alternatives:
            parts = []
            for modulus, spans, negated in conditions:
                ranges = ", ".join(f"{low}...{high}" for low, high in spans)
                parts.append(f".init(mod: {modulus if modulus else 'nil'}, in: [{ranges}]{', negated: true' if negated else ''})")
            rendered.append("[" + ", ".join(parts) + "]")
        lines.append(f"            (.{category}, [{', '.join(rendered)}]),")
    lines.append("        ]),")

    def plural_table(patterns):
        ordered = [c for c in PLURAL_CATEGORIES if c in patterns]
        return "[" + ", ".join(f".{c}: {swift_string(patterns[c])}" for c in ordered) + "]"

    lines.append(f"        days: {plural_table(unit(locale, 'duration-day', 'long'))},")
    lines.append(f"        minutes: {plural_table(unit(locale, 'duration-minute', language.get('minutes_width', 'short'), language.get('minutes'), joined=True))},")
    lines.append(f"        solarHijri: {swift_string(long_date) if language.get('solar_hijri') else 'nil'},")
    lines.append(f"        names: [{', '.join(swift_string(name) for name in spoken_names[language['code']])}])")
    return lines


def formats_file():
    spoken = names()
    lines = [
        f"// Generated by scripts/cldr-data.py from the Unicode CLDR, as shipped by Babel {babel.__version__}.",
        "// Do not edit: change the script, run it, and commit both.",
        "",
        "/// How each language Convene prints in writes dates, times, numbers and counts, from CLDR.",
        "enum LocaleFormats {",
    ]
    for index, language in enumerate(LANGUAGES):
        if index:
            lines.append("")
        lines += formats(language, spoken)
    lines += ["}", ""]
    return "\n".join(lines)


aliases = get_global("zone_aliases")  # old or alternative id -> CLDR's canonical id
by_target = {}
for alias, target in aliases.items():
    by_target.setdefault(target, []).append(alias)


def zones():
    """Every zone CLDR knows, canonical or alias: only those can have a city name, and taking
    them from Babel rather than the system's tz database makes the output depend on Babel alone."""
    names = set(get_global("zone_territories")) | set(aliases)
    return sorted(name for name in names if name != "Etc/Unknown")


def english(zone):
    if "/" not in zone or zone.startswith("Etc/"):
        return zone
    return zone.split("/")[-1].replace("_", " ")


def city(locale, zone):
    data = locale.time_zones
    for candidate in [zone, aliases.get(zone)] + by_target.get(zone, []) + by_target.get(aliases.get(zone), []):
        if candidate and candidate in data and data[candidate].get("city"):
            return data[candidate]["city"]
    return None


def cities_file():
    lines = [
        f"// Generated by scripts/cldr-data.py from CLDR's exemplar cities, as shipped by Babel {babel.__version__}.",
        "// Do not edit.",
        "",
        "/// The city of a zone as readers of each language other than English name it, where that",
        "/// differs from the zone's own (English) name: \"Asia/Kabul\" is \"Kaboul\", \"Кабул\", \"کابل\".",
        "enum ZoneCities {",
    ]
    all_zones = zones()
    for language in LANGUAGES:
        if language["code"] == "en":
            continue
        locale = Locale.parse(language["locale"])
        lines.append(f"    static let {language['case']}: [String: String] = [")
        for zone in all_zones:
            name = None if (language["code"], zone) in SKIP_CITIES else city(locale, zone)
            if name and name != english(zone) and "/" not in name:
                lines.append(f"        {swift_string(zone)}: {swift_string(name)},")
        lines.append("    ]")
    lines += ["}", ""]
    return "\n".join(lines)


def language_names_file():
    """Each language's name in each language Convene prints in, for the interpreted languages a
    sheet lists ("English ↔ Dari", "anglais ↔ dari"): every ISO 639-1 language CLDR names, and
    Dari (fa-AF, also prs)."""
    lines = [
        f"// Generated by scripts/cldr-data.py from CLDR's language names, as shipped by Babel {babel.__version__}.",
        "// Do not edit.",
        "",
        "/// The names of languages, by lower-case code (`fr`, `fa-af`, `prs`), as readers of each",
        "/// language Convene prints in write them.",
        "enum LanguageNames {",
    ]
    english = Locale.parse("en").languages
    codes = sorted(code for code in english if "_" not in code and len(code) == 2)
    for index, language in enumerate(LANGUAGES):
        names = Locale.parse(language["locale"]).languages
        if index:
            lines.append("")
        lines.append(f"    static let {language['case']}: [String: String] = [")
        for code in codes:
            if code in names:
                lines.append(f"        {swift_string(code)}: {swift_string(names[code])},")
        dari = names.get("fa_AF")
        if dari:
            lines.append(f"        \"fa-af\": {swift_string(dari)},")
            lines.append(f"        \"prs\": {swift_string(dari)},")
        lines.append("    ]")
    lines += ["}", ""]
    return "\n".join(lines)


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in [(FORMATS, formats_file()), (CITIES, cities_file()), (LANGUAGE_NAMES, language_names_file())]:
        if check:
            try:
                with open(path, encoding="utf-8") as handle:
                    current = handle.read()
            except FileNotFoundError:
                current = None
            if current != text:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
    if stale:
        print("cldr-data: out of date (run python3 scripts/cldr-data.py and commit): " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
