#!/usr/bin/env python3
"""Generate the example records repositories under examples/.

    python3 examples/generate.py               # rewrite every example
    python3 examples/generate.py walnut-valley # rewrite one

Deterministic: a fixed random seed per example, no clock, no environment.
Running it twice gives byte-for-byte the same files.  Every example is one
records repository (SPEC section 1) for one seed program (SPEC section 10):
the program file and calendars are literal YAML below; people, pairings,
logs, observations and trainings are generated from small tables.  Each
example plants a few deliberate deficits, listed in its README.md, and is
otherwise in good standing: `mentorctl check` reports nothing, and
`mentorctl audit --year all --as-of <end of year>` reports only the planted
deficits.
"""

import datetime as dt
import json
import math
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
D = dt.date
DAY = dt.timedelta(days=1)


def d(s):
    return dt.date.fromisoformat(s)


# --------------------------------------------------------------------------
# YAML emission (canonical style: 2-space indent, block lists for entries,
# plain dates, canonical durations, strings quoted only where YAML needs it)

_PLAIN = re.compile(r"[^\W\d_][\w .'()/&+@-]*", re.UNICODE)
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def q(s):
    """A scalar as YAML text: plain when safe, else double-quoted."""
    if isinstance(s, bool):
        return "true" if s else "false"
    if isinstance(s, int):
        return str(s)
    if isinstance(s, dt.date):
        return s.isoformat()
    s = str(s)
    if (_PLAIN.fullmatch(s) and s.lower() not in _RESERVED
            and not s.endswith(" ") and " #" not in s):
        return s
    return json.dumps(s, ensure_ascii=False)


def flow(items, quote_all=False):
    if quote_all:
        return "[" + ", ".join(json.dumps(str(i), ensure_ascii=False) for i in items) + "]"
    return "[" + ", ".join(q(i) for i in items) + "]"


def dur(minutes):
    h, m = divmod(int(minutes), 60)
    if h and m:
        return f"{h}h{m}m"
    if h:
        return f"{h}h"
    return f"{m}m"


# --------------------------------------------------------------------------
# Calendars: literal YAML text, read back with a few regular expressions so
# the generator knows the instructional days.

class Calendar:
    def __init__(self, text, school_days=(0, 1, 2, 3, 4)):
        self.text = text
        self.label = re.search(r"^school_year: (\S+)", text, re.M).group(1)
        self.first = d(re.search(r"^first_day: (\S+)", text, re.M).group(1))
        self.last = d(re.search(r"^last_day: (\S+)", text, re.M).group(1))
        self.breaks = [(d(a), d(b)) for a, b in re.findall(
            r"from: (\d{4}-\d\d-\d\d)\s+to: (\d{4}-\d\d-\d\d)", text)]
        m = re.search(r"^closed: \[(.*)\]", text, re.M)
        self.closed = {d(x.strip()) for x in m.group(1).split(",")} if m else set()
        self.school_days = school_days

    def instr(self, day):
        if day.weekday() not in self.school_days:
            return False
        if not (self.first <= day <= self.last):
            return False
        if day in self.closed:
            return False
        return not any(a <= day <= b for a, b in self.breaks)

    def days(self, a, b):
        """Instructional days in [a, b]."""
        out = []
        x = max(a, self.first)
        while x <= min(b, self.last):
            if self.instr(x):
                out.append(x)
            x += DAY
        return out


def monday(day):
    return day - dt.timedelta(days=day.weekday())


def month_end(day):
    nxt = D(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - DAY


def add_months(day, n):
    y, m = divmod(day.month - 1 + n, 12)
    y += day.year
    m += 1
    last = month_end(D(y, m, 1)).day
    return D(y, m, min(day.day, last))


# --------------------------------------------------------------------------
# Records

class Person:
    FIELDS = ["id", "name", "email", "roles", "programs", "enrolled", "left",
              "district", "site", "position", "subjects", "grades", "credential",
              "career_start", "position_start", "rating", "capacity", "attributes"]

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def yaml(self):
        out = []
        for f in self.FIELDS:
            v = getattr(self, f, None)
            if v is None:
                continue
            if f == "grades":
                out.append(f"grades: {flow(v, quote_all=True)}")
            elif isinstance(v, list):
                out.append(f"{f}: {flow(v)}")
            elif isinstance(v, dict):
                out.append(f"{f}: {{" + ", ".join(f"{k}: {q(x)}" for k, x in v.items()) + "}")
            else:
                out.append(f"{f}: {q(v)}")
        return "\n".join(out) + "\n"


def person_id(name, taken):
    parts = name.lower().replace("'", "").replace("-", " ").split()
    ascii_map = str.maketrans("áàâäãéèêëíìîïóòôöõúùûüñçøå", "aaaaaeeeeiiiiooooouuuuncoa")
    first, last = parts[0].translate(ascii_map), parts[-1].translate(ascii_map)
    pid = first[0] + last
    n = 2
    while pid in taken:
        pid = first[:n] + last
        n += 1
    taken.add(pid)
    return pid


def email_of(name, domain):
    ascii_map = str.maketrans("áàâäãéèêëíìîïóòôöõúùûüñçøå", "aaaaaeeeeiiiiooooouuuuncoa")
    parts = name.lower().replace("'", "").split()
    return ".".join(p.translate(ascii_map) for p in (parts[0], parts[-1])) + "@" + domain


class Entry:
    def __init__(self, date, mentee, minutes, kind="meeting", topics=None,
                 completes=None, notes=None, confidential=False, program=None):
        self.date, self.mentee, self.minutes, self.kind = date, mentee, minutes, kind
        self.topics, self.completes, self.notes = topics, completes, notes
        self.confidential, self.program = confidential, program

    def yaml(self):
        out = [f"  - date: {self.date.isoformat()}",
               f"    mentee: {self.mentee}",
               f"    duration: {dur(self.minutes)}",
               f"    kind: {self.kind}"]
        if self.program:
            out.append(f"    program: {self.program}")
        if self.topics:
            out.append(f"    topics: {flow(self.topics)}")
        if self.completes:
            out.append(f"    completes: {flow(self.completes)}")
        if self.notes:
            out.append(f"    notes: {q(self.notes)}")
        if self.confidential:
            out.append("    confidential: true")
        return "\n".join(out) + "\n"


class Observation:
    def __init__(self, date, observer, minutes, focus=None, standards=None,
                 evidence=None, confidential=False):
        self.date, self.observer, self.minutes = date, observer, minutes
        self.focus, self.standards, self.evidence = focus, standards, evidence
        self.confidential = confidential

    def yaml(self):
        out = [f"  - date: {self.date.isoformat()}",
               f"    observer: {self.observer}",
               f"    duration: {dur(self.minutes)}"]
        if self.focus:
            out.append(f"    focus: {q(self.focus)}")
        if self.standards:
            out.append(f"    standards: {flow(self.standards)}")
        if self.evidence:
            out.append("    evidence: |")
            for line in self.evidence.strip().split("\n"):
                out.append("      " + line)
        if self.confidential:
            out.append("    confidential: true")
        return "\n".join(out) + "\n"


class Pairing:
    def __init__(self, mentor, mentee, program, start, end=None, note=None):
        self.mentor, self.mentee, self.program = mentor, mentee, program
        self.start, self.end, self.note = start, end, note

    def yaml(self):
        out = [f"  - mentor: {self.mentor}",
               f"    mentee: {self.mentee}",
               f"    program: {self.program}",
               f"    start: {self.start.isoformat()}"]
        if self.end:
            out.append(f"    end: {self.end.isoformat()}")
        if self.note:
            out.append(f"    note: {q(self.note)}")
        return "\n".join(out) + "\n"


class Session:
    def __init__(self, id, date, kind, title, minutes, attendees):
        self.id, self.date, self.kind, self.title = id, date, kind, title
        self.minutes, self.attendees = minutes, attendees

    def yaml(self):
        out = [f"  - id: {self.id}",
               f"    date: {self.date.isoformat()}",
               f"    kind: {self.kind}",
               f"    title: {q(self.title)}",
               f"    duration: {dur(self.minutes)}"]
        if self.attendees:
            out.append("    attendees:")
            out += [f"      - {a}" for a in self.attendees]
        else:
            out.append("    attendees: []")
        return "\n".join(out) + "\n"


class Repo:
    def __init__(self, name):
        self.name = name
        self.files = {}

    def add(self, path, text):
        assert path not in self.files, path
        if not text.endswith("\n"):
            text += "\n"
        self.files[path] = text

    def people(self, persons):
        for p in persons:
            self.add(f"people/{p.id}.yaml", p.yaml())

    def pairings(self, label, pairs, header=""):
        body = header + f"school_year: {label}\npairings:\n" + "".join(p.yaml() for p in pairs)
        self.add(f"pairings/{label}.yaml", body)

    def logs(self, label, entries_by_mentor):
        for mentor in sorted(entries_by_mentor):
            es = sorted(entries_by_mentor[mentor], key=lambda e: (e.date, e.mentee))
            self.add(f"logs/{label}/{mentor}.yaml",
                     f"mentor: {mentor}\nentries:\n" + "".join(e.yaml() for e in es))

    def observations(self, label, obs_by_mentee):
        for mentee in sorted(obs_by_mentee):
            os_ = sorted(obs_by_mentee[mentee], key=lambda o: o.date)
            self.add(f"observations/{label}/{mentee}.yaml",
                     f"mentee: {mentee}\nobservations:\n" + "".join(o.yaml() for o in os_))

    def trainings(self, label, sessions, header=""):
        ss = sorted(sessions, key=lambda s: (s.date, s.id))
        self.add(f"trainings/{label}.yaml",
                 header + f"school_year: {label}\nsessions:\n" + "".join(s.yaml() for s in ss))

    def write(self):
        root = os.path.join(HERE, self.name)
        if os.path.isdir(root):
            shutil.rmtree(root)
        for path in sorted(self.files):
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8", newline="\n") as f:
                f.write(self.files[path])


# --------------------------------------------------------------------------
# Scheduling helpers shared by the examples

def weekly_dates(cal, start, end, weekday, skip=()):
    """One instructional day per ISO week of [start, end], preferring weekday."""
    out = []
    m = monday(max(start, cal.first))
    while m <= min(end, cal.last):
        if m not in skip:
            order = [weekday] + [w for w in range(5) if w != weekday]
            for w in order:
                x = m + dt.timedelta(days=w)
                if start <= x <= end and cal.instr(x):
                    out.append(x)
                    break
        m += dt.timedelta(days=7)
    return out


def spread_dates(cal, start, end, n, lo=0.12, hi=0.88):
    """n instructional days spread evenly over [start, end]."""
    days = cal.days(start, end)
    if n == 1:
        return [days[len(days) // 2]]
    out = []
    for i in range(n):
        f = lo + (hi - lo) * i / (n - 1)
        out.append(days[min(len(days) - 1, int(f * len(days)))])
    return out


def periods_month(start, end):
    x = D(start.year, start.month, 1)
    while x <= end:
        yield x, month_end(x)
        x = month_end(x) + DAY


def top_up_months(cal, entries, start, end, need_minutes, rng, skip_months=(),
                  extra_kinds=("co-planning", "call"), topics=None, mentee=None,
                  cap=90):
    """Make each month's total reach the prorated minimum (SPEC 4.2).

    First lengthen the month's sessions up to `cap` minutes, then add short
    extra sessions on free instructional days of the month."""
    for a, b in periods_month(start, end):
        if (a.year, a.month) in skip_months:
            continue
        I = cal.days(a, b)
        A = cal.days(max(a, start), min(b, end))
        if not I or not A:
            continue
        required = math.ceil(need_minutes * len(A) / len(I))
        mine = [e for e in entries if max(a, start) <= e.date <= min(b, end)]
        total = sum(e.minutes for e in mine)
        for e in sorted(mine, key=lambda e: e.date):
            if total >= required:
                break
            grow = min(cap - e.minutes, required - total)
            if grow > 0:
                grow = int(math.ceil(grow / 15.0) * 15)
                e.minutes = min(cap, e.minutes + grow)
                total = sum(x.minutes for x in mine)
        used = {e.date for e in mine}
        free = [x for x in A if x not in used]
        while total < required and free:
            x = free.pop(len(free) // 2)
            m = min(cap, max(30, int(math.ceil((required - total) / 15.0) * 15)))
            e = Entry(x, mentee, m, kind=rng.choice(extra_kinds),
                      topics=[rng.choice(topics)] if topics else None)
            entries.append(e)
            mine.append(e)
            total += m
        assert total >= required, (mentee, a, total, required)


def make_people(rows, domain, taken, common):
    """rows: dicts with at least name; common: defaults."""
    out = []
    for r in rows:
        kw = dict(common)
        kw.update(r)
        kw["id"] = r.get("id") or person_id(r["name"], taken)
        kw.setdefault("email", email_of(r["name"], domain))
        out.append(Person(**kw))
    return out


# ==========================================================================
# Walnut Valley Induction Consortium (seed 000)
# ==========================================================================

WV_SETTINGS = """\
# Walnut Valley Induction Consortium: induction mentors for Clear Credential candidates.
mentorctl: 1
organization: Walnut Valley Induction Consortium
school_year_start: 08-01
school_days: [mon, tue, wed, thu, fri]
currency: USD
"""

WV_CALENDAR = """\
# Consortium instructional calendar 2026-27 (shared by the member districts).
school_year: 2026-27
first_day: 2026-08-19
last_day: 2027-06-03
breaks:
  - name: Thanksgiving break
    from: 2026-11-23
    to: 2026-11-27
  - name: Winter break
    from: 2026-12-21
    to: 2027-01-01
  - name: Spring break
    from: 2027-03-29
    to: 2027-04-02
# Labor Day, Veterans Day, Martin Luther King Jr. Day, Presidents' Day, Memorial Day
closed: [2026-09-07, 2026-11-11, 2027-01-18, 2027-02-15, 2027-05-31]
"""

WV_PROGRAM = """\
# Walnut Valley Induction Consortium: Roles and Responsibilities of Induction Mentor.
# Every requirement of the handbook, in its own words.
id: walnut-valley
name: Walnut Valley Induction Consortium — Induction Mentor
mentor_role: mentor
mentee_role: candidate
requirements:
  # 2. Meet with Induction Candidate(s) at least one hour per week for a minimum
  #    of four hours per month.  Mentors submit an online weekly log of support hours.
  - id: weekly-hour
    type: hours
    text: Meet with Induction Candidate(s) at least one hour per week
    per: week
    min: 1h
  - id: monthly-hours
    type: hours
    text: for a minimum of four hours per month
    per: month
    min: 4h
  # 5. Observe at least three times per year in each candidate's classroom.
  - id: observations
    type: observations
    text: Observe at least three times per year in each candidate's classroom and gather evidence of their teaching practice
    per: school-year
    min: 3
  # 4. Attend all Induction Mentor trainings.
  - id: summer-training
    type: training
    text: Attend all Induction Mentor trainings, including one full day training during summer break
    kinds: [full-day]
    min: 1
  - id: half-day-trainings
    type: training
    text: and two half days during the school year
    kinds: [half-day]
    min: 2
  - id: support-meetings
    type: training
    text: Attend after school Induction Mentor support meetings every other month
    kinds: [support-meeting]
    min: 5
matching:
  capacity: 2
  require: [district]
  prefer: {site: 5, subjects: 3, grades: 2}
# Induction Mentors who are matched with Induction Candidates will receive a yearly
# stipend of $1,000 - $1,500 depending on district or school guidelines.
stipend:
  basis: mentor
  amount: 1000
  by_district: {Walnut Valley USD: 1500, Chaparral Hills USD: 1250}
  requires: [weekly-hour, monthly-hours, observations]
"""

WV_TOPICS = ["Individual Learning Plan", "classroom management", "CSTP self-assessment",
             "parent conferences", "lesson planning", "formative assessment",
             "English learner supports", "differentiation", "inquiry cycle",
             "student engagement", "grading and feedback", "IEP accommodations",
             "unit planning", "student data analysis", "induction portfolio",
             "cognitive coaching", "reflective practice", "family communication"]


def build_walnut_valley():
    name = "walnut-valley"
    rng = random.Random(name)
    cal = Calendar(WV_CALENDAR)
    repo = Repo(name)
    repo.add("mentorctl.yaml", WV_SETTINGS)
    repo.add("calendars/2026-27.yaml", WV_CALENDAR)
    repo.add("programs/walnut-valley.yaml", WV_PROGRAM)

    taken = set()
    dom = "walnutvalley-induction.example.org"
    WV, CH, BC = "Walnut Valley USD", "Chaparral Hills USD", "Brea Canyon USD"
    mentors = make_people([
        dict(name="Maria Delgado", district=WV, site="Vejar Elementary", subjects=["multiple subjects"], grades=["2", "3"], credential="Multiple Subject", career_start=D(2009, 8, 17), position_start=D(2014, 8, 18), capacity=2),
        dict(name="Kevin Tran", district=WV, site="Suzanne Middle School", subjects=["mathematics"], grades=["7", "8"], credential="Single Subject Mathematics", career_start=D(2011, 8, 22), position_start=D(2011, 8, 22), capacity=2),
        dict(name="Aisha Robinson", district=WV, site="Diamond Ranch High School", subjects=["English"], grades=["9", "10"], credential="Single Subject English", career_start=D(2007, 8, 20), position_start=D(2012, 8, 20), capacity=2),
        dict(name="Daniel Okafor", district=CH, site="Quail Summit Elementary", subjects=["multiple subjects"], grades=["4", "5"], credential="Multiple Subject", career_start=D(2013, 8, 19), position_start=D(2016, 8, 15), capacity=2),
        dict(name="Priya Raman", district=CH, site="Chaparral Middle School", subjects=["science"], grades=["6", "7"], credential="Single Subject Science", career_start=D(2012, 8, 20), position_start=D(2012, 8, 20), capacity=2),
        dict(name="Rosa Villanueva", district=BC, site="Arroyo Elementary", subjects=["multiple subjects"], grades=["K", "1"], credential="Multiple Subject", career_start=D(2005, 8, 22), position_start=D(2010, 8, 16), capacity=1),
        dict(name="Thomas Whitfield", district=BC, site="Canyon Vista High School", subjects=["history-social science"], grades=["11", "12"], credential="Single Subject Social Science", career_start=D(2010, 8, 23), position_start=D(2015, 8, 17), capacity=1),
        dict(name="Grace Kim", district=BC, site="Canyon Vista High School", subjects=["special education"], grades=["9", "10", "11", "12"], credential="Education Specialist Mild/Moderate", career_start=D(2014, 8, 18), position_start=D(2014, 8, 18), capacity=1),
    ], dom, taken, dict(roles=["mentor"], programs=["walnut-valley"], position="teacher", rating="effective"))
    M = {p.name.split()[0].lower(): p for p in mentors}

    cand_rows = [
        # name, mentor key, district, site, subjects, grades, credential
        ("Jasmine Ortiz", "maria", WV, "Vejar Elementary", ["multiple subjects"], ["3"], "Preliminary Multiple Subject"),
        ("Ethan Park", "maria", WV, "Collegewood Elementary", ["multiple subjects"], ["2"], "Preliminary Multiple Subject"),
        ("Lucia Fernandez", "kevin", WV, "Suzanne Middle School", ["mathematics"], ["8"], "Preliminary Single Subject Mathematics"),
        ("Marcus Bell", "kevin", WV, "Chaparral Middle School", ["mathematics"], ["6"], "Preliminary Single Subject Mathematics"),
        ("Hannah Schultz", "aisha", WV, "Diamond Ranch High School", ["English"], ["9"], "Preliminary Single Subject English"),
        ("Omar Haddad", "daniel", CH, "Quail Summit Elementary", ["multiple subjects"], ["5"], "Preliminary Multiple Subject"),
        ("Mei Lin Chen", "daniel", CH, "Ridgeline Elementary", ["multiple subjects"], ["4"], "Preliminary Multiple Subject"),
        ("Tyler Johnson", "priya", CH, "Chaparral Middle School", ["science"], ["7"], "Preliminary Single Subject Science"),
        ("Sofia Morales", "priya", CH, "Chaparral Middle School", ["science"], ["6"], "Preliminary Single Subject Science"),
        ("Noah Begay", "rosa", BC, "Arroyo Elementary", ["multiple subjects"], ["1"], "Preliminary Multiple Subject"),
        ("Amara Nwosu", "thomas", BC, "Canyon Vista High School", ["history-social science"], ["11"], "Preliminary Single Subject Social Science"),
        ("Diego Ramirez", "grace", BC, "Canyon Vista High School", ["special education"], ["10"], "Preliminary Education Specialist Mild/Moderate"),
        # mid-year hire
        ("Chloe Anderson", "aisha", WV, "Diamond Ranch High School", ["English"], ["10"], "Preliminary Single Subject English"),
    ]
    cands = make_people([
        dict(name=n, district=dist, site=site, subjects=subj, grades=gr, credential=cr,
             career_start=D(2026, 8, 17) if i % 3 else D(2025, 8, 18),
             position_start=D(2026, 8, 17) if i % 3 else D(2025, 8, 18),
             enrolled=D(2026, 8, 10))
        for i, (n, _, dist, site, subj, gr, cr) in enumerate(cand_rows)
    ], dom, taken, dict(roles=["candidate"], programs=["walnut-valley"], position="teacher"))
    chloe = cands[12]
    chloe.enrolled = D(2027, 1, 4)
    chloe.career_start = chloe.position_start = D(2027, 1, 4)
    early = cands[9]                      # Noah Begay moves out of state in March
    early.left = D(2027, 3, 12)

    staff = make_people([
        dict(name="Linda Castillo", roles=["coordinator"], programs=["walnut-valley"], district=WV, site="Consortium Office", position="induction coordinator"),
        dict(name="Robert Nakamura", roles=["principal"], district=WV, site="Vejar Elementary", position="principal"),
        dict(name="Yolanda Pierce", roles=["principal"], district=CH, site="Chaparral Middle School", position="principal"),
    ], dom, taken, {})
    repo.people(mentors + cands + staff)

    # ---- pairings
    pairs = []
    for i, (c, row) in enumerate(zip(cands, cand_rows)):
        m = M[row[1]]
        if c is chloe:
            pairs.append(Pairing(m.id, c.id, name, D(2027, 1, 11), note="Mid-year hire"))
        elif c is early:
            pairs.append(Pairing(m.id, c.id, name, D(2026, 8, 24), D(2027, 3, 12),
                                 note="Candidate relocated out of state in March"))
        else:
            pairs.append(Pairing(m.id, c.id, name, D(2026, 8, 24) + dt.timedelta(days=7 * (i % 3 == 2))))
    repo.pairings("2026-27", pairs)

    # ---- planted deficits
    feb_gap = (M["thomas"].id, cands[10].id)          # skips three weeks in February
    dec_short = (M["daniel"].id, cands[6].id)         # 3h in December
    two_obs = cands[3].id                             # only two observations
    missed_half = M["priya"].id                       # missed the February half day

    logs, obs = {}, {}
    for k, p in enumerate(pairs):
        end = p.end or cal.last
        wd = k % 5
        skip = set()
        skip_months = set()
        if (p.mentor, p.mentee) == feb_gap:
            skip = {D(2027, 2, 8), D(2027, 2, 15), D(2027, 2, 22)}
            skip_months = {(2027, 2)}
        if (p.mentor, p.mentee) == dec_short:
            skip_months = {(2026, 12)}
        entries = []
        for x in weekly_dates(cal, p.start, end, wd, skip):
            kind = rng.choice(["meeting", "meeting", "meeting", "co-planning", "call"])
            mins = rng.choice([60, 60, 60, 75, 90])
            if (p.mentor, p.mentee) == dec_short and x.month == 12:
                mins = 60
            entries.append(Entry(x, p.mentee, mins, kind, rng.sample(WV_TOPICS, rng.choice([1, 2, 2, 3]))))
        # observations: three per candidate, each with an observation session that day
        n = 2 if p.mentee == two_obs else 3
        olist = []
        for x in spread_dates(cal, p.start, end, n, 0.2, 0.8):
            wk = [e for e in entries if monday(e.date) == monday(x)]
            if wk:
                e = wk[0]
                e.date, e.kind = x, "observation"
                e.minutes = max(e.minutes, 75)
                e.topics = ["classroom observation", rng.choice(WV_TOPICS)]
            focus = rng.choice(["Student engagement", "Checking for understanding",
                                "Academic language", "Small-group instruction",
                                "Classroom routines", "Questioning strategies"])
            std = rng.sample(["CSTP 1", "CSTP 2", "CSTP 3", "CSTP 4", "CSTP 5", "CSTP 6"], 2)
            olist.append(Observation(x, p.mentor, rng.choice([45, 50, 60]), focus, sorted(std),
                                     f"Scripted notes on {focus.lower()}; debriefed the same week."))
        obs[p.mentee] = olist
        top_up_months(cal, entries, p.start, end, 240, rng, skip_months,
                      topics=WV_TOPICS, mentee=p.mentee)
        # occasional short emails, notes and one confidential session per pair
        for e in entries:
            r = rng.random()
            if r < 0.08:
                e.notes = rng.choice(["Candidate asked for help with a parent email.",
                                      "Shared ILP resources from the consortium site.",
                                      "Follow up on the seating chart next week."])
        if k % 4 == 1:
            c = entries[len(entries) // 3]
            c.confidential, c.notes = True, "Candidate discussed a personal matter affecting attendance."
        extra = []
        for e in entries:
            if rng.random() < 0.1:
                x = e.date + DAY * 2
                if x <= end and cal.instr(x) and all(z.date != x for z in entries):
                    extra.append(Entry(x, p.mentee, 15, "email", ["resources"]))
        logs.setdefault(p.mentor, []).extend(entries + extra)
    repo.logs("2026-27", logs)
    repo.observations("2026-27", obs)

    # ---- trainings
    everyone = [m.id for m in mentors]
    sess = [
        Session("summer-institute", D(2026, 8, 5), "full-day", "Summer Induction Mentor Institute", 6 * 60, everyone),
        Session("half-day-fall", D(2026, 10, 10), "half-day", "Cognitive Coaching and Reflective Listening", 210, everyone),
        Session("half-day-winter", D(2027, 2, 6), "half-day", "Gathering Observation Evidence", 210,
                [m for m in everyone if m != missed_half]),
    ]
    for i, x in enumerate([D(2026, 9, 16), D(2026, 11, 18), D(2027, 1, 20), D(2027, 3, 17), D(2027, 5, 19)]):
        sess.append(Session(f"support-{x.strftime('%Y-%m')}", x, "support-meeting",
                            "Induction Mentor Support Meeting", 90, everyone))
    repo.trainings("2026-27", sess)

    by = {p.id: p for p in mentors + cands}
    repo.add("README.md", f"""\
# Walnut Valley Induction Consortium — Induction Mentor

Induction Mentors support credential candidates working toward the California Clear
Credential: they meet with each candidate at least one hour per week and four hours per
month (logged weekly), observe each candidate's classroom at least three times a year, and
attend a summer full-day training, two half-day trainings and the bi-monthly after-school
support meetings. Matched mentors receive a yearly stipend of $1,000–$1,500 depending on
the district (`programs/walnut-valley.yaml`).

This repository holds school year 2026-27: {len(mentors)} mentors, {len(cands)} candidates, a
coordinator and two principals. {by[pairs[12].mentee].name} is a mid-year hire paired in
January; {by[early.id].name}'s pairing ends on 2027-03-12 when the candidate relocates.

## Planted deficits

Everything else is in good standing; `mentorctl audit --year 2026-27 --as-of 2027-07-31`
reports exactly these:

| who | requirement | when | what |
|---|---|---|---|
| {by[feb_gap[0]].name} (`{feb_gap[0]}`) with {by[feb_gap[1]].name} (`{feb_gap[1]}`) | `weekly-hour` | 2027-W06, 2027-W07, 2027-W08 | no support logged for three weeks in February |
| same pair | `monthly-hours` | 2027-02 | February falls short of four hours |
| {by[dec_short[0]].name} (`{dec_short[0]}`) with {by[dec_short[1]].name} (`{dec_short[1]}`) | `monthly-hours` | 2026-12 | weekly hour kept, but only the ordinary weekly sessions before winter break: under four hours in December |
| {M['kevin'].name} (`{M['kevin'].id}`) with {by[two_obs].name} (`{two_obs}`) | `observations` | 2026-27 | only two classroom observations |
| {by[missed_half].name} (`{missed_half}`) | `half-day-trainings` | 2026-27 | missed the February half day (1 of 2) |

These withhold the stipends of `{feb_gap[0]}`, `{dec_short[0]}` and `{M['kevin'].id}` (the
stipend requires `weekly-hour`, `monthly-hours` and `observations`); the missed training
does not. The stipend is $1,000, or $1,500 in Walnut Valley USD and $1,250 in Chaparral
Hills USD (`by_district`): `mentorctl stipend --as-of 2027-06-30` pays five mentors
$6,250.00 and withholds three.
""")
    return repo



def ensure_total(cal, entries, a, b, required, rng, mentee, kind="call", topics=None):
    """Add sessions on free instructional days of [a, b] until the total over
    [a, b] reaches `required` minutes."""
    inside = [e for e in entries if a <= e.date <= b]
    total = sum(e.minutes for e in inside)
    used = {e.date for e in inside}
    free = [x for x in cal.days(a, b) if x not in used]
    step = max(1, len(free) // 8)
    free = free[::step] + [x for i, x in enumerate(free) if i % step]
    while total < required and free:
        x = free.pop(0)
        e = Entry(x, mentee, 45, kind, [rng.choice(topics)] if topics else None)
        entries.append(e)
        total += e.minutes
    assert total >= required, (mentee, total, required)


# ==========================================================================
# St. Vrain Valley Schools, Classified Staff Mentoring Program (seed 004)
# ==========================================================================

SV_SETTINGS = """\
# St. Vrain Valley Schools: mentoring program for new classified employees.
mentorctl: 1
organization: St. Vrain Valley Schools — Classified Staff Mentoring Program
school_year_start: 08-01
school_days: [mon, tue, wed, thu, fri]
currency: USD
"""

SV_CALENDARS = {
    # Kept only because a mentor training session of 2025-26 is on record
    # (the training rule has scope: ever).
    "2025-26": """\
school_year: 2025-26
first_day: 2025-08-13
last_day: 2026-05-28
breaks:
  - name: Fall break
    from: 2025-10-16
    to: 2025-10-17
  - name: Thanksgiving break
    from: 2025-11-24
    to: 2025-11-28
  - name: Winter break
    from: 2025-12-22
    to: 2026-01-06
  - name: Spring break
    from: 2026-03-23
    to: 2026-03-27
closed: [2025-09-01, 2026-01-19, 2026-02-16]
""",
    "2026-27": """\
# District calendar 2026-27 (student contact days).
school_year: 2026-27
first_day: 2026-08-12
last_day: 2027-05-27
breaks:
  - name: Fall break
    from: 2026-10-15
    to: 2026-10-16
  - name: Thanksgiving break
    from: 2026-11-23
    to: 2026-11-27
  - name: Winter break
    from: 2026-12-21
    to: 2027-01-05
  - name: Spring break
    from: 2027-03-22
    to: 2027-03-26
# Labor Day, Martin Luther King Jr. Day, Presidents' Day
closed: [2026-09-07, 2027-01-18, 2027-02-15]
""",
}

SV_PROGRAM = """\
# St. Vrain Valley Schools, Mentoring Program for Classified Staff.
# Requirements in the handbook's own words.
id: st-vrain-classified
name: St. Vrain Valley Schools — Classified Staff Mentoring Program
mentor_role: mentor
mentee_role: new-employee
requirements:
  # Qualifications for mentors.
  - id: years-in-position
    type: eligibility
    text: Qualifications for mentors include competence and knowledge in the area of expertise and at least 2 school years in the current position.
    attribute: years_in_position
    min: 2
  - id: mentor-training
    type: training
    text: Mentor training through the Office of Professional Development is also recommended.
    severity: warning
    kinds: [mentor-training]
    scope: ever
    min: 1
  # Time commitment.
  - id: ten-hours
    type: hours
    text: Mentors will be expected to meet with their inductees for 10 hours through the school year.
    per: school-year
    min: 10h
  - id: initial-meetings
    type: meetings
    text: It is recommended that initial meetings be scheduled for 2-3 times per month or more if needed.
    severity: warning
    per: month
    min: 2
    max: 3
    kinds: [meeting]
    # "more frequent meetings from its beginning through the six month period"
    during: {first: 6mo}
  # The first meetings.
  - id: introductory-meeting
    type: milestone
    text: Once the mentor/mentee or new hire pairs are identified, the mentor sets up an introductory meeting.
    within: 14d
  - id: agreement
    type: milestone
    text: During that meeting, they discuss their roles and relationship and contract for and schedule additional regular meetings (Classified Mentor/Mentee Agreement).
    within: 1mo
  - id: skill-block-checklist
    type: milestone
    text: Needs identified on a skill block checklist during the first mentor/mentee meeting.
    within: 1mo
  # Program target: a new employee is matched within 30 days of hire.
  - id: matched-within
    type: matched-within
    text: Facilitate the welcome and transition to the St. Vrain Valley School District community for new employees.
    within: 30d
matching:
  capacity: 2
  # Mentors, matched with new classified employees, as often as possible, have
  # similar roles and responsibilities.
  require: [position]
  prefer: {site: 5}
"""

SV_TOPICS = ["district procedures", "building tour", "timesheets and payroll",
             "safety procedures", "skill block training", "department expectations",
             "annual calendar and deadlines", "professional expectations",
             "communication with staff", "equipment and tools", "scheduling",
             "benefits enrollment", "student privacy", "emergency drills"]


def build_st_vrain():
    name = "st-vrain"
    prog = "st-vrain-classified"
    rng = random.Random(name)
    cal = Calendar(SV_CALENDARS["2026-27"])
    repo = Repo(name)
    repo.add("mentorctl.yaml", SV_SETTINGS)
    for label, text in SV_CALENDARS.items():
        repo.add(f"calendars/{label}.yaml", text)
    repo.add(f"programs/{prog}.yaml", SV_PROGRAM)

    taken = set()
    dom = "svvsd.example.org"
    dist = "St. Vrain Valley Schools"
    mentors = make_people([
        dict(name="Brenda Lucero", position="food-services", site="Skyline High School", career_start=D(2012, 8, 6), position_start=D(2015, 8, 3), capacity=2),
        dict(name="Tomás Aguilar", position="custodian", site="Longmont High School", career_start=D(2008, 7, 1), position_start=D(2011, 7, 5), capacity=2),
        dict(name="Janet Hollis", position="paraeducator", site="Mead Elementary", career_start=D(2016, 8, 10), position_start=D(2016, 8, 10), capacity=2),
        dict(name="Wei Zhang", position="it-technician", site="Educational Services Center", career_start=D(2018, 3, 12), position_start=D(2018, 3, 12), capacity=1),
        dict(name="Carla Mendoza", position="office-professional", site="Erie Middle School", career_start=D(2010, 8, 2), position_start=D(2019, 8, 5), capacity=2),
        dict(name="Derek Olson", position="bus-driver", site="Transportation Center", career_start=D(2014, 8, 4), position_start=D(2014, 8, 4), capacity=2),
        dict(name="Fatima Siddiqui", position="health-technician", site="Niwot High School", career_start=D(2017, 8, 7), position_start=D(2020, 1, 6), capacity=1),
        dict(name="Shawn Redcloud", position="paraeducator", site="Burlington Elementary", career_start=D(2019, 8, 12), position_start=D(2025, 6, 2), capacity=1),
    ], dom, taken, dict(roles=["mentor"], programs=[prog], district=dist, rating="meets-expectations"))
    M = {p.name.split()[0].lower(): p for p in mentors}

    rows = [
        # name, mentor, site, enrolled, start
        ("Kayla Brooks", "brenda", "Skyline High School", D(2026, 8, 3), D(2026, 8, 24)),
        ("Luis Contreras", "brenda", "Silver Creek High School", D(2026, 8, 3), D(2026, 9, 14)),
        ("Patrick Doyle", "tomás", "Longmont High School", D(2026, 8, 10), D(2026, 8, 24)),
        ("Nia Jefferson", "tomás", "Altona Middle School", D(2026, 8, 10), D(2026, 8, 24)),
        ("Ana Lucia Reyes", "janet", "Mead Elementary", D(2026, 8, 5), D(2026, 8, 24)),
        ("Samuel Adeyemi", "janet", "Mead Elementary", D(2026, 8, 5), D(2026, 8, 24)),
        ("Hiroshi Tanaka", "wei", "Educational Services Center", D(2026, 8, 17), D(2026, 8, 31)),
        ("Megan Fitzgerald", "carla", "Erie Middle School", D(2026, 8, 10), D(2026, 8, 24)),
        ("Zainab Hussein", "carla", "Erie High School", D(2026, 8, 17), D(2026, 9, 1)),
        ("Cody Larsen", "derek", "Transportation Center", D(2026, 8, 3), D(2026, 8, 17)),
        ("Rachel Yazzie", "fatima", "Niwot High School", D(2026, 8, 10), D(2026, 8, 24)),
        ("Owen Gallagher", "shawn", "Burlington Elementary", D(2026, 8, 10), D(2026, 8, 24)),
        ("Valeria Soto", "derek", "Transportation Center", D(2027, 1, 11), D(2027, 1, 19)),
    ]
    news = make_people([
        dict(name=n, site=site, enrolled=en, position=M[m].position,
             career_start=en, position_start=en)
        for n, m, site, en, st in rows
    ], dom, taken, dict(roles=["new-employee"], programs=[prog], district=dist))
    early = news[3]                       # Nia Jefferson resigns in March
    early.left = D(2027, 3, 5)

    staff = make_people([
        dict(name="Gloria Whitaker", roles=["coordinator"], programs=[prog], site="Office of Professional Development", position="program coordinator"),
    ], dom, taken, dict(district=dist))
    repo.people(mentors + news + staff)

    pairs = []
    for c, (n, m, site, en, st) in zip(news, rows):
        if c is early:
            pairs.append(Pairing(M[m].id, c.id, prog, st, D(2027, 3, 5), note="Employee resigned effective 2027-03-05"))
        elif en.year == 2027:
            pairs.append(Pairing(M[m].id, c.id, prog, st, add_months(st, 6) - DAY,
                                 note="Mid-year hire: six-month mentoring period"))
        else:
            pairs.append(Pairing(M[m].id, c.id, prog, st))
    repo.pairings("2026-27", pairs)

    # planted deficits
    late_match = news[1].id                       # matched 42 days after hire
    late_intro = news[8].id                       # introductory meeting on day 17
    thin = (M["wei"].id, news[6].id, (2026, 10))  # one meeting in October
    untrained = M["fatima"].id
    new_in_role = M["shawn"].id                   # one year in position

    logs = {}
    for p in pairs:
        end = min(p.end or cal.last, cal.last)
        w_end = add_months(p.start, 6) - DAY
        entries = []
        intro_delay = 17 if p.mentee == late_intro else 0
        first = [x for x in cal.days(p.start + DAY * intro_delay, end)][0]
        for a, b in periods_month(p.start, end):
            lo, hi = max(a, p.start), min(b, end)
            A = cal.days(lo, min(hi, w_end)) if lo <= w_end else []
            I = cal.days(a, b)
            if A:
                A = [x for x in A if x >= first]
                req = math.ceil(2 * len(cal.days(lo, min(hi, w_end))) / len(I))
                n = min(3, max(req, rng.choice([2, 2, 3])), len(A))
                if (p.mentor, p.mentee, (a.year, a.month)) == thin:
                    n = 1
                if first in A:
                    dates = [first] + spread_dates(cal, first + DAY * 7, A[-1], n - 1, 0.1, 0.9) if n > 1 else [first]
                else:
                    dates = spread_dates(cal, A[0], A[-1], n, 0.05, 0.95)
                dates = sorted(set(dates))
                for x in dates:
                    entries.append(Entry(x, p.mentee, rng.choice([45, 60, 60, 75]), "meeting",
                                         rng.sample(SV_TOPICS, rng.choice([1, 2]))))
                # a quick call or email between meetings
                if rng.random() < 0.6:
                    free = [x for x in A if x not in dates]
                    if free:
                        entries.append(Entry(rng.choice(free), p.mentee, rng.choice([15, 20, 30]),
                                             rng.choice(["call", "email"]), [rng.choice(SV_TOPICS)]))
            post = cal.days(max(lo, w_end + DAY), hi)
            if post:
                k = rng.choice([1, 2])
                for x in spread_dates(cal, post[0], post[-1], min(k, len(post)), 0.2, 0.8):
                    entries.append(Entry(x, p.mentee, rng.choice([30, 45, 60]),
                                         rng.choice(["meeting", "call"]), [rng.choice(SV_TOPICS)]))
        entries.sort(key=lambda e: e.date)
        meets = [e for e in entries if e.kind == "meeting"]
        meets[0].completes = ["introductory-meeting", "skill-block-checklist"]
        meets[0].topics = ["introductions", "skill block checklist"]
        meets[0].minutes = 60
        meets[1].completes = ["agreement"]
        meets[1].topics = ["mentor/mentee agreement", "meeting schedule"]
        if p.mentee == late_intro:
            entries.append(Entry(p.start + DAY, p.mentee, 15, "email", ["welcome"],
                                 notes="Welcome email; introductory meeting postponed while mentor covered the front office."))
        # ten hours over the school year (prorated like the audit does)
        I = cal.days(cal.first, cal.last)
        A = cal.days(p.start, end)
        ensure_total(cal, entries, max(p.start, w_end + DAY) if w_end < end else p.start, end,
                     math.ceil(600 * len(A) / len(I)) - sum(e.minutes for e in entries if e.date <= w_end),
                     rng, p.mentee, "call", SV_TOPICS)
        if rng.random() < 0.3:
            e = entries[len(entries) // 2]
            e.confidential, e.notes = True, "Employee raised a concern about a supervisor; referred to HR."
        logs.setdefault(p.mentor, []).extend(entries)
    repo.logs("2026-27", logs)

    veterans = [M[k].id for k in ("brenda", "tomás", "janet", "derek")]
    repo.trainings("2025-26", [
        Session("classified-mentor-training-2026-04", D(2026, 4, 15), "mentor-training",
                "Classified Mentor Training (Office of Professional Development)", 3 * 60, veterans)])
    repo.trainings("2026-27", [
        Session("classified-mentor-training-2026-08", D(2026, 8, 6), "mentor-training",
                "Classified Mentor Training (Office of Professional Development)", 3 * 60,
                [M[k].id for k in ("wei", "carla", "shawn", "derek")]),
        Session("mentor-check-in-2027-01", D(2027, 1, 13), "mentor-check-in",
                "Mid-year Mentor Check-in", 90, [m.id for m in mentors]),
    ])

    by = {p.id: p for p in mentors + news}
    pm = {p.mentee: p.mentor for p in pairs}
    repo.add("README.md", f"""\
# St. Vrain Valley Schools — Classified Staff Mentoring Program

New classified employees (food services, custodial, paraeducators, transportation, office,
IT and health staff) are matched with a trained classified mentor in a similar role. The
mentor holds an introductory meeting, sets up the mentor/mentee agreement and the skill
block checklist, meets 2–3 times a month for the first six months and at least 10 hours
over the school year. Mentors need two school years in their current position; mentor
training is recommended (`programs/{prog}.yaml`).

School year 2026-27: {len(mentors)} mentors, {len(news)} new employees, one coordinator.
{by[news[12].id].name} is a January hire with a six-month pairing (ends
{pairs[12].end}); {by[early.id].name} resigns and her pairing ends on 2027-03-05. The
mentor-training rule has `scope: ever`, so the April 2026 session
(`trainings/2025-26.yaml`) counts for the mentors trained last year.

## Planted deficits

`mentorctl audit --year 2026-27 --as-of 2027-07-31` reports exactly these:

| who | requirement | when | what |
|---|---|---|---|
| {by[late_match].name} (`{late_match}`) | `matched-within` (error) | hired 2026-08-03 | first pairing starts 2026-09-14, 42 days after hire (limit 30) |
| {by[pm[late_intro]].name} (`{pm[late_intro]}`) with {by[late_intro].name} (`{late_intro}`) | `introductory-meeting` (error) | pairing started 2026-09-01 | introductory meeting held on 2026-09-18, 17 days after (limit 14d) |
| {by[thin[0]].name} (`{thin[0]}`) with {by[thin[1]].name} (`{thin[1]}`) | `initial-meetings` (warning) | 2026-10 | only one meeting in October (2–3 recommended) |
| {by[new_in_role].name} (`{new_in_role}`) | `years-in-position` (error) | 2026-27 | became a paraeducator on 2025-06-02: one school year in the position |
| {by[untrained].name} (`{untrained}`) | `mentor-training` (warning) | 2026-27 | has never attended mentor training |
""")
    return repo


def weekly_support(cal, p, end, rng, topics, kinds=("meeting", "meeting", "co-planning", "call"),
                   durations=(45, 60, 60, 75), weekday=0, skip=()):
    out = []
    for x in weekly_dates(cal, p.start, end, weekday, skip):
        out.append(Entry(x, p.mentee, rng.choice(durations), rng.choice(kinds),
                         rng.sample(topics, rng.choice([1, 2, 2, 3]))))
    return out


def observe_in_week(entries, x, rng, topic, minutes=60):
    """Turn that week's session into the observation debrief on day x."""
    wk = [e for e in entries if monday(e.date) == monday(x)]
    if wk:
        e = wk[0]
        e.date, e.kind, e.minutes = x, "observation", max(e.minutes, minutes)
        e.topics = ["classroom observation", topic]


# ==========================================================================
# Dysart Unified School District, Peer Mentoring (seed 002)
# ==========================================================================

DY_SETTINGS = """\
# Dysart Unified School District: Peer Mentors for new teachers.
mentorctl: 1
organization: Dysart Unified School District
school_year_start: 08-01
school_days: [mon, tue, wed, thu, fri]
currency: USD
"""

DY_CALENDARS = {
    "2024-25": """\
school_year: 2024-25
first_day: 2024-08-07
last_day: 2025-05-22
breaks:
  - name: Fall break
    from: 2024-10-07
    to: 2024-10-11
  - name: Thanksgiving break
    from: 2024-11-27
    to: 2024-11-29
  - name: Winter break
    from: 2024-12-23
    to: 2025-01-03
  - name: Spring break
    from: 2025-03-10
    to: 2025-03-14
closed: [2024-09-02, 2024-11-11, 2025-01-20, 2025-02-17]
""",
    "2025-26": """\
school_year: 2025-26
first_day: 2025-08-06
last_day: 2026-05-21
breaks:
  - name: Fall break
    from: 2025-10-06
    to: 2025-10-10
  - name: Thanksgiving break
    from: 2025-11-26
    to: 2025-11-28
  - name: Winter break
    from: 2025-12-22
    to: 2026-01-02
  - name: Spring break
    from: 2026-03-09
    to: 2026-03-13
closed: [2025-09-01, 2025-11-11, 2026-01-19, 2026-02-16]
""",
    "2026-27": """\
# Dysart USD instructional calendar 2026-27.
school_year: 2026-27
first_day: 2026-08-05
last_day: 2027-05-26
breaks:
  - name: Fall break
    from: 2026-10-05
    to: 2026-10-09
  - name: Thanksgiving break
    from: 2026-11-25
    to: 2026-11-27
  - name: Winter break
    from: 2026-12-21
    to: 2027-01-01
  - name: Spring break
    from: 2027-03-08
    to: 2027-03-12
# Labor Day, Veterans Day, Martin Luther King Jr./Civil Rights Day, Presidents' Day
closed: [2026-09-07, 2026-11-11, 2027-01-18, 2027-02-15]
""",
}

DY_PROGRAM = """\
# Dysart Unified School District, Peer Mentoring.
# Selection, stipend and training, in the program page's own words.
# (Quantity per site, determined by the number of new teachers, campus size and
# site needs, is a planning figure for reports, not a rule.)
id: dysart-peer-mentor
name: Dysart Unified — Peer Mentor
mentor_role: peer-mentor
mentee_role: new-teacher
requirements:
  # Selection process: checked every school year (peer mentors re-apply each year).
  - id: experience
    type: eligibility
    text: Full time teachers with 3 years of experience (preferably within Dysart)
    attribute: years_experience
    min: 3
  - id: rating
    type: eligibility
    text: Proficient or higher ratings in all areas of recent evaluation
    attribute: rating
    in: [proficient, highly-effective]
  - id: nomination
    type: eligibility
    text: Principals nominate teacher applicants from their site
    attribute: application.nominated_by
    present: true
  - id: panel-interview
    type: eligibility
    text: Candidate selected by cross-site panel interviews
    attribute: application.interview
    equals: passed
  - id: reapplication
    type: eligibility
    text: Peer mentors will re-apply for the position at the end of every year
    attribute: application.decision
    equals: selected
  # Training Program Overview: three years of training by service year.
  - id: year-one-training
    type: training
    text: Those new to the position will participate in Year One training (mentoring for effective instruction)
    when: {service_year: 1}
    kinds: [year-one]
    min: 1
  - id: year-two-training
    type: training
    text: Those who return for the second year will participate in Year Two training sessions (reaching all learners)
    when: {service_year: 2}
    kinds: [year-two]
    min: 1
  - id: year-three-training
    type: training
    text: Those who return for the third year will participate in Year Three training sessions (deepening the mentoring experience)
    when: {service_year: 3}
    kinds: [year-three]
    min: 1
matching:
  capacity: 2
  require: [site]
  prefer: {subjects: 3, grades: 2}
# Stipend Amount: $1,000 per year (peer mentors will also be allocated release
# time for observation and collaboration).
stipend:
  basis: mentor
  amount: 1000
  requires: [experience, rating, nomination, panel-interview, reapplication]
"""

DY_TOPICS = ["lesson planning", "classroom management", "Arizona standards",
             "student engagement", "data-driven instruction", "collaborative assessment log",
             "analyzing student work", "differentiation", "English language learners",
             "parent communication", "PLC preparation", "grading practices",
             "formative assessment", "time management", "evaluation preparation"]


def build_dysart():
    name = "dysart"
    prog = "dysart-peer-mentor"
    rng = random.Random(name)
    cals = {k: Calendar(v) for k, v in DY_CALENDARS.items()}
    cal = cals["2026-27"]
    repo = Repo(name)
    repo.add("mentorctl.yaml", DY_SETTINGS)
    for label, text in DY_CALENDARS.items():
        repo.add(f"calendars/{label}.yaml", text)
    repo.add(f"programs/{prog}.yaml", DY_PROGRAM)

    taken = set()
    dom = "dysart.example.org"
    dist = "Dysart Unified School District"
    SH, MP, CR, VV, SR = ("Sunset Hills Elementary", "Marley Park Elementary",
                          "Canyon Ridge School", "Valley Vista High School",
                          "Shadow Ridge High School")
    principals = make_people([
        dict(name="Sandra Whitehorse", site=SH), dict(name="Victor Alvarez", site=MP),
        dict(name="Renee Caldwell", site=CR), dict(name="James Obi", site=VV),
        dict(name="Heather Lindqvist", site=SR),
    ], dom, taken, dict(roles=["principal"], district=dist, position="principal"))
    principal_of = {p.site: p.id for p in principals}
    coord = make_people([dict(name="Paula Jimenez", site="District Office", position="induction coordinator")],
                        dom, taken, dict(roles=["coordinator"], programs=[prog], district=dist))

    # name, site, subjects, grades, career_start, rating, first year as peer mentor, last year
    mrows = [
        ("Laura Bennett", SH, ["multiple subjects"], ["3", "4"], D(2011, 7, 25), "highly-effective", 2024, 2026),
        ("Miguel Saavedra", VV, ["mathematics"], ["9", "10"], D(2009, 7, 27), "proficient", 2024, 2026),
        ("Monica Estrada", CR, ["English language arts"], ["6", "7", "8"], D(2013, 7, 29), "proficient", 2024, 2025),
        ("Denise Washington", MP, ["multiple subjects"], ["K", "1"], D(2015, 7, 27), "highly-effective", 2025, 2026),
        ("Ahmed Karimi", CR, ["science"], ["7", "8"], D(2016, 7, 25), "proficient", 2025, 2026),
        ("Kelly O'Connor", SR, ["English"], ["11", "12"], D(2014, 7, 28), "proficient", 2025, 2026),
        ("Jordan Pham", SH, ["multiple subjects"], ["1", "2"], D(2019, 7, 29), "proficient", 2026, 2026),
        ("Alicia Romero", MP, ["multiple subjects"], ["4", "5"], D(2018, 7, 30), "highly-effective", 2026, 2026),
        ("Benjamin Foster", CR, ["social studies"], ["6", "7"], D(2017, 7, 31), "proficient", 2026, 2026),
        ("Tanya Begaye", VV, ["science"], ["9", "10"], D(2020, 7, 27), "developing", 2026, 2026),
    ]
    mentors = make_people([
        dict(name=n, site=s, subjects=sub, grades=gr, career_start=cs, position_start=cs, rating=r,
             capacity=2 if y1 < 2026 else 1)
        for n, s, sub, gr, cs, r, y1, y2 in mrows
    ], dom, taken, dict(roles=["peer-mentor", "teacher"], programs=[prog], district=dist, position="teacher"))
    M = {p.name.split()[0].lower(): p for p in mentors}
    span = {mentors[i].id: (r[6], r[7]) for i, r in enumerate(mrows)}
    applicant = make_people([dict(name="Gregory Huang", site=SR, subjects=["mathematics"], grades=["9"],
                                  career_start=D(2021, 7, 26), rating="proficient")],
                            dom, taken, dict(roles=["teacher"], programs=[prog], district=dist, position="teacher"))

    # new teachers by school year: name, mentor, subjects, grades
    nt = {
        2024: [("Brianna Holt", "laura", ["multiple subjects"], ["3"]),
               ("Isaac Mwangi", "miguel", ["mathematics"], ["9"]),
               ("Carmen Duarte", "monica", ["English language arts"], ["7"])],
        2025: [("Ryan Kowalski", "laura", ["multiple subjects"], ["4"]),
               ("Leilani Kahale", "miguel", ["mathematics"], ["10"]),
               ("Dominic Russo", "monica", ["English language arts"], ["6"]),
               ("Esperanza Cruz", "denise", ["multiple subjects"], ["K"]),
               ("Tariq Mahmoud", "ahmed", ["science"], ["8"]),
               ("Hailey Sorensen", "kelly", ["English"], ["11"])],
        2026: [("Gabriela Ibarra", "laura", ["multiple subjects"], ["3"]),
               ("Nathan Cho", "laura", ["multiple subjects"], ["4"]),
               ("Destiny Franklin", "miguel", ["mathematics"], ["9"]),
               ("Aaron Goldberg", "miguel", ["mathematics"], ["10"]),
               ("Maya Patel", "denise", ["multiple subjects"], ["1"]),
               ("Julian Torres", "denise", ["multiple subjects"], ["K"]),
               ("Olivia Grant", "ahmed", ["science"], ["7"]),
               ("Kenji Watanabe", "kelly", ["English"], ["12"]),
               ("Samantha Reid", "jordan", ["multiple subjects"], ["2"]),
               ("Andre Baptiste", "alicia", ["multiple subjects"], ["5"]),
               ("Fiona MacLeod", "benjamin", ["social studies"], ["6"]),
               ("Elijah Whitman", "tanya", ["science"], ["9"]),
               ("Lauren Nguyen", "ahmed", ["science"], ["8"])],
    }
    teachers, pair_years = [], {}
    for year, rows in nt.items():
        people = make_people([
            dict(name=n, site=M[m].site, subjects=s, grades=g,
                 career_start=D(year, 7, 27), position_start=D(year, 7, 27))
            for n, m, s, g in rows
        ], dom, taken, dict(roles=["new-teacher"], programs=[prog], district=dist, position="teacher"))
        teachers += people
        pair_years[year] = [(M[r[1]].id, p.id) for r, p in zip(rows, people)]
    late_hire = teachers[-1]                  # Lauren Nguyen, hired for the second semester
    late_hire.career_start = late_hire.position_start = D(2027, 1, 4)
    leaver = [t for t in teachers if t.name == "Kenji Watanabe"][0]
    leaver.left = D(2027, 3, 19)
    repo.people(principals + coord + mentors + applicant + teachers)

    # ---- pairings of three school years
    starts = {2024: D(2024, 8, 12), 2025: D(2025, 8, 11), 2026: D(2026, 8, 10)}
    pairs_by_year = {}
    for year, prs in pair_years.items():
        label = f"{year}-{(year + 1) % 100:02d}"
        out = []
        for m, t in prs:
            if t == late_hire.id:
                out.append(Pairing(m, t, prog, D(2027, 1, 11), note="Second-semester hire"))
            elif t == leaver.id:
                out.append(Pairing(m, t, prog, starts[year], D(2027, 3, 19), note="Teacher resigned in March"))
            else:
                out.append(Pairing(m, t, prog, starts[year]))
        pairs_by_year[label] = out
        repo.pairings(label, out)

    # ---- applications (everyone re-applies every year)
    no_interview = M["benjamin"].id
    apps = {}
    for year in (2024, 2025, 2026):
        label = f"{year}-{(year + 1) % 100:02d}"
        rows = []
        for m in mentors:
            y1, y2 = span[m.id]
            if y1 <= year <= y2:
                if m.id == no_interview:
                    rows.append((m.id, D(year, 3, 27), principal_of[m.site], "scheduled", "pending",
                                 "# Paired by the principal in August; the panel interview was never held."))
                else:
                    rows.append((m.id, D(year, 3, 2 + 2 * len(rows)), principal_of[m.site], "passed", "selected", None))
        if year == 2026:
            rows.append((applicant[0].id, D(2026, 3, 20), principal_of[SR], "failed", "declined", None))
        body = f"school_year: {label}\napplications:\n"
        for pid, sub, nom, iv, dec, comment in rows:
            if comment:
                body += f"  {comment}\n"
            body += (f"  - person: {pid}\n    program: {prog}\n    submitted: {sub}\n"
                     f"    nominated_by: {nom}\n    interview: {iv}\n    decision: {dec}\n")
        repo.add(f"applications/{label}.yaml", body)

    # ---- trainings by service year
    skipped_two = M["kelly"].id
    tracks = {"year-one": ("Year One: Mentoring for Effective Instruction", 1),
              "year-two": ("Year Two: Reaching All Learners", 2),
              "year-three": ("Year Three: Deepening the Mentoring Experience", 3)}
    dates = {2024: [D(2024, 9, 18), D(2025, 1, 22)], 2025: [D(2025, 9, 17), D(2026, 1, 21)],
             2026: [D(2026, 9, 16), D(2027, 1, 20)]}
    for year in (2024, 2025, 2026):
        label = f"{year}-{(year + 1) % 100:02d}"
        sess = []
        for kind, (title, sy) in tracks.items():
            who = [m.id for m in mentors if span[m.id][0] <= year <= span[m.id][1]
                   and year - span[m.id][0] + 1 == sy]
            if not who:
                continue
            for i, x in enumerate(dates[year]):
                att = list(who)
                if kind == "year-two" and year == 2026:
                    att = [a for a in att if a != skipped_two]
                elif i == 1 and len(att) > 2:
                    att = att[:-1]            # someone missed the second session (min is 1)
                sess.append(Session(f"{kind}-{x.strftime('%Y-%m')}", x, kind, f"{title}, part {i + 1}",
                                    6 * 60 if i == 0 else 3 * 60, att))
        repo.trainings(label, sess)

    # ---- 2026-27 support log and observations
    logs, obs = {}, {}
    for k, p in enumerate(pairs_by_year["2026-27"]):
        end = p.end or cal.last
        entries = weekly_support(cal, p, end, rng, DY_TOPICS, weekday=(k + 2) % 5)
        olist = []
        for x in spread_dates(cal, p.start, end, 4 if p.mentee != late_hire.id else 2, 0.15, 0.85):
            focus = rng.choice(["Student engagement", "Lesson pacing", "Checking for understanding",
                                "Classroom environment", "Questioning", "Small-group instruction"])
            observe_in_week(entries, x, rng, focus.lower())
            olist.append(Observation(x, p.mentor, rng.choice([30, 45, 60]), focus,
                                     evidence=f"Selective scripting focused on {focus.lower()}; feedback given at the debrief."))
        obs[p.mentee] = olist
        for e in entries:
            if rng.random() < 0.07:
                e.notes = rng.choice(["Used release time to co-teach a lesson.",
                                      "Shared NTC collaborative assessment log.",
                                      "New teacher asked about the evaluation timeline."])
        if k % 5 == 3:
            c = entries[len(entries) // 2]
            c.confidential, c.notes = True, "Discussed stress and workload; kept confidential at the teacher's request."
        logs.setdefault(p.mentor, []).extend(entries)
    repo.logs("2026-27", logs)
    repo.observations("2026-27", obs)

    by = {p.id: p for p in mentors + teachers}
    repo.add("README.md", f"""\
# Dysart Unified School District — Peer Mentoring

Peer Mentors are full-time teachers who support new teachers at their campus: they
observe and give feedback, co-plan and meet weekly, with release time and a $1,000
stipend. Applicants need three years of experience and proficient or higher ratings, are
nominated by their principal, pass a cross-site panel interview, and re-apply every year.
Training runs over three years: Year One, Year Two and Year Three sessions by the
mentor's year of service (`programs/{prog}.yaml`, `when: {{service_year: N}}`).

The repository holds three school years of pairings (2024-25, 2025-26, 2026-27) with
their calendars, applications and trainings, so that in 2026-27 `{M['laura'].id}` and
`{M['miguel'].id}` are in service year 3, `{M['denise'].id}`, `{M['ahmed'].id}` and
`{M['kelly'].id}` in year 2, and four mentors in year 1. Support logs and observations
are kept for 2026-27: {len(mentors) - 1} active peer mentors, 13 new teachers (one
second-semester hire, one resignation in March); one applicant ({applicant[0].name}) was
declined.

## Planted deficits

`mentorctl audit --year all --as-of 2027-07-31` reports exactly these (all in 2026-27):

| who | requirement | what |
|---|---|---|
| {by[no_interview].name} (`{no_interview}`) | `panel-interview`, `reapplication` | application of 2026-27 has `interview: scheduled`, `decision: pending`: paired in August before any panel interview |
| {M['tanya'].name} (`{M['tanya'].id}`) | `rating` | latest rating is `developing` |
| {by[skipped_two].name} (`{skipped_two}`) | `year-two-training` | in service year 2 but attended no Year Two session |

The first two withhold the stipend (it requires every eligibility rule); the missed
training does not: `mentorctl stipend` pays seven mentors $1,000 each and withholds
two.
""")
    return repo


# ==========================================================================
# Massachusetts (ESE): supervising practitioners and mentors (seed 003)
# ==========================================================================

MA_SETTINGS = """\
# A Massachusetts district that hosts pre-service candidates (with supervising
# practitioners, under the Candidate Assessment of Performance) and runs an
# induction program with mentors for teachers in their first three years.
mentorctl: 1
organization: Merrimack Falls Public Schools
school_year_start: 08-01
school_days: [mon, tue, wed, thu, fri]
currency: USD
"""

MA_CALENDARS = {
    # Kept because the training sessions of 2025-26 count for rules with scope: ever.
    "2025-26": """\
school_year: 2025-26
first_day: 2025-08-27
last_day: 2026-06-16
breaks:
  - name: Thanksgiving recess
    from: 2025-11-26
    to: 2025-11-28
  - name: Winter recess
    from: 2025-12-24
    to: 2026-01-02
  - name: February vacation
    from: 2026-02-16
    to: 2026-02-20
  - name: April vacation
    from: 2026-04-20
    to: 2026-04-24
closed: [2025-09-01, 2025-10-13, 2025-11-11, 2026-01-19, 2026-05-25]
""",
    "2026-27": """\
# Merrimack Falls Public Schools calendar 2026-27.
school_year: 2026-27
first_day: 2026-08-26
last_day: 2027-06-16
breaks:
  - name: Thanksgiving recess
    from: 2026-11-25
    to: 2026-11-27
  - name: Winter recess
    from: 2026-12-23
    to: 2027-01-01
  - name: February vacation
    from: 2027-02-15
    to: 2027-02-19
  - name: April vacation
    from: 2027-04-19
    to: 2027-04-23
# Labor Day, Indigenous Peoples' Day, Veterans Day, Martin Luther King Jr. Day, Memorial Day
closed: [2026-09-07, 2026-10-12, 2026-11-11, 2027-01-18, 2027-05-31]
""",
}

MA_SP_PROGRAM = """\
# Supervising Practitioners (SP): support pre-service teacher candidates.
# From ESE, "Commonalities and Differences in the Roles of Supervising
# Practitioners and Mentors".
id: ma-supervising-practitioner
name: Supervising Practitioner — pre-service candidates (CAP)
mentor_role: supervising-practitioner
mentee_role: candidate
requirements:
  # Selection and Supports
  - id: proficient-rating
    type: eligibility
    text: Required to be rated Proficient or higher on evaluation
    attribute: rating
    in: [proficient, exemplary]
  - id: experience
    type: eligibility
    text: 3 years of experience
    attribute: years_experience
    min: 3
  - id: trained
    type: training
    text: Required to be trained (ed prep programs responsible for training)
    kinds: [sp-training]
    scope: ever
    min: 1
  # Responsibilities
  - id: practicum-hours
    type: hours
    text: Evaluative role, 300 hour commitment
    per: pairing
    min: 300h
  - id: cap-observations
    type: observations
    text: Conduct observations; collecting evidence to support ratings of teacher candidates (CAP)
    per: pairing
    min: 4
  # Completing the 5-Step Cycle with the candidate (CAP)
  - id: cap-self-assessment
    type: milestone
    text: "Completing 5-Step Cycle with candidate: self-assessment"
    within: 2w
  - id: cap-goals
    type: milestone
    text: "Completing 5-Step Cycle with candidate: goal setting and plan development"
    within: 1mo
  - id: cap-formative
    type: milestone
    text: "Completing 5-Step Cycle with candidate: formative assessment"
    within: 2mo
  - id: cap-summative
    type: milestone
    text: "Completing 5-Step Cycle with candidate: summative evaluation"
    within: 15w
matching:
  capacity: 1
  require: [subjects]
  prefer: {grades: 3, site: 1}
"""

MA_MENTOR_PROGRAM = """\
# Mentors: support teachers in their first three years of practice.
# From ESE, "Commonalities and Differences in the Roles of Supervising
# Practitioners and Mentors".  The relationship is non-evaluative and
# confidential: log notes are never printed by reports.
id: ma-mentor
name: Induction Mentor — teachers in their first three years
mentor_role: mentor
mentee_role: mentee
# Often responsible for documenting time/topics discussed with mentees
log_fields: [topics]
requirements:
  # Selection and Supports
  - id: proficient-encouraged
    type: eligibility
    text: Encouraged to be rated Proficient or higher on evaluation
    severity: warning
    attribute: rating
    in: [proficient, exemplary]
  - id: experience
    type: eligibility
    text: 3 years of experience
    attribute: years_experience
    min: 3
  - id: trained
    type: training
    text: Required to be trained (districts responsible for selection and training)
    kinds: [mentor-training]
    scope: ever
    min: 1
  # Mentees
  - id: first-three-years
    type: eligibility
    text: Mentors who support teachers in their first three years of practice
    subject: mentee
    attribute: years_experience
    max: 2
matching:
  capacity: 2
  require: [site]
  prefer: {subjects: 3, grades: 2}
# "Most local collective bargaining agreements set expectations for time commitment
# and incentives (stipends)": this district's agreement pays per mentee, in proportion
# to the school days the pairing ran, and only to trained mentors with the experience.
stipend:
  basis: pairing
  amount: 1200
  prorate: true
  requires: [experience, trained]
"""

MA_SP_TOPICS = ["co-teaching", "lesson planning", "classroom takeover", "assessment",
                "six Essential Elements", "student feedback", "small-group instruction",
                "classroom routines", "family communication", "data review"]
MA_TOPICS = ["classroom management", "curriculum pacing", "educator evaluation",
             "professional practice goal", "student learning goal", "building culture",
             "family communication", "IEP and 504 plans", "MCAS preparation",
             "differentiation", "work-life balance", "lesson feedback",
             "grading", "school procedures", "coaching cycle"]


def build_massachusetts():
    name = "massachusetts"
    SP, MN = "ma-supervising-practitioner", "ma-mentor"
    rng = random.Random(name)
    cal = Calendar(MA_CALENDARS["2026-27"])
    repo = Repo(name)
    repo.add("mentorctl.yaml", MA_SETTINGS)
    for label, text in MA_CALENDARS.items():
        repo.add(f"calendars/{label}.yaml", text)
    repo.add(f"programs/{SP}.yaml", MA_SP_PROGRAM)
    repo.add(f"programs/{MN}.yaml", MA_MENTOR_PROGRAM)

    taken = set()
    dom = "merrimackfalls.example.org"
    dist = "Merrimack Falls Public Schools"
    LE, BE, MS, HS = ("Lincoln Elementary School", "Brookside Elementary School",
                      "Merrimack Falls Middle School", "Merrimack Falls High School")
    sps = make_people([
        dict(name="Catherine Doherty", site=LE, subjects=["elementary"], grades=["2"], career_start=D(2008, 8, 27), rating="exemplary"),
        dict(name="Marcus Freeman", site=BE, subjects=["elementary"], grades=["4"], career_start=D(2012, 8, 29), rating="proficient"),
        dict(name="Ngozi Eze", site=MS, subjects=["mathematics"], grades=["7"], career_start=D(2010, 8, 30), rating="proficient"),
        dict(name="Paul Sullivan", site=HS, subjects=["history"], grades=["10"], career_start=D(2006, 8, 28), rating="exemplary"),
        dict(name="Isabel Rocha", site=HS, subjects=["Spanish"], grades=["9", "10"], career_start=D(2013, 8, 28), rating="proficient"),
        dict(name="Hyun-woo Lee", site=MS, subjects=["science"], grades=["8"], career_start=D(2015, 8, 31), rating="proficient"),
    ], dom, taken, dict(roles=["supervising-practitioner", "teacher"], programs=[SP], district=dist,
                        position="teacher", credential="Professional license", capacity=1))
    for p in sps:
        p.position_start = p.career_start
    S = {p.name.split()[0].lower(): p for p in sps}
    cand_rows = [
        # name, SP, subjects, grades, prep program, start, end
        ("Emily Gagnon", "catherine", ["elementary"], ["2"], "Merrimack State University", D(2026, 9, 8), D(2026, 12, 18)),
        ("Jamal Wright", "marcus", ["elementary"], ["4"], "Merrimack State University", D(2026, 9, 8), D(2026, 12, 18)),
        ("Anh Nguyen", "ngozi", ["mathematics"], ["7"], "Bay Colony College", D(2026, 9, 8), D(2026, 12, 18)),
        ("Connor Walsh", "paul", ["history"], ["10"], "Bay Colony College", D(2026, 9, 8), D(2026, 12, 18)),
        ("Valentina Cruz", "isabel", ["Spanish"], ["9"], "Merrimack State University", D(2026, 9, 8), D(2026, 12, 18)),
        ("Samir Haddad", "hyun-woo", ["science"], ["8"], "Bay Colony College", D(2026, 9, 8), D(2026, 12, 18)),
        # spring practicum (mid-year start)
        ("Grace Oyelaran", "catherine", ["elementary"], ["2"], "Merrimack State University", D(2027, 1, 19), D(2027, 5, 14)),
        ("Liam Brennan", "ngozi", ["mathematics"], ["7"], "Bay Colony College", D(2027, 1, 19), D(2027, 5, 14)),
    ]
    cands = make_people([
        dict(name=n, site=S[s].site, subjects=sub, grades=gr, enrolled=st - dt.timedelta(days=7),
             attributes={"prep_program": pp})
        for n, s, sub, gr, pp, st, en in cand_rows
    ], dom, taken, dict(roles=["candidate"], programs=[SP], district=dist, position="teacher candidate"))

    mentors = make_people([
        dict(name="Deborah Kaplan", site=LE, subjects=["elementary"], grades=["1", "2", "3"], career_start=D(2005, 8, 29), rating="exemplary"),
        dict(name="Roberto Mendes", site=LE, subjects=["elementary"], grades=["4", "5"], career_start=D(2011, 8, 29), rating="proficient"),
        dict(name="Siobhan Murphy", site=BE, subjects=["elementary"], grades=["K", "1"], career_start=D(2009, 8, 26), rating="proficient"),
        dict(name="Andrew Chen", site=MS, subjects=["mathematics"], grades=["6", "7", "8"], career_start=D(2014, 8, 27), rating="proficient"),
        dict(name="Keisha Johnson", site=MS, subjects=["English"], grades=["6", "7", "8"], career_start=D(2016, 8, 29), rating="needs-improvement"),
        dict(name="Michael O'Brien", site=HS, subjects=["English"], grades=["9", "10", "11", "12"], career_start=D(2007, 8, 28), rating="exemplary"),
        dict(name="Rania Aziz", site=HS, subjects=["science"], grades=["9", "10", "11", "12"], career_start=D(2012, 8, 27), rating="proficient"),
        dict(name="Erik Johansson", site=HS, subjects=["mathematics"], grades=["9", "10", "11", "12"], career_start=D(2018, 8, 29), rating="proficient"),
    ], dom, taken, dict(roles=["mentor", "teacher"], programs=[MN], district=dist, position="teacher",
                        credential="Professional license", capacity=2))
    for p in mentors:
        p.position_start = p.career_start
    MM = {p.name.split()[0].lower(): p for p in mentors}
    mentee_rows = [
        # name, mentor, subjects, grades, career_start
        ("Ashley Tremblay", "deborah", ["elementary"], ["1"], D(2026, 8, 26)),
        ("Brandon Pierre", "deborah", ["elementary"], ["3"], D(2025, 8, 27)),
        ("Yasmin Farah", "roberto", ["elementary"], ["5"], D(2026, 8, 26)),
        ("Caleb Morrison", "siobhan", ["elementary"], ["K"], D(2024, 8, 28)),
        ("Lucy Zhang", "siobhan", ["elementary"], ["1"], D(2026, 8, 26)),
        ("Daniel Okoro", "andrew", ["mathematics"], ["6"], D(2026, 8, 26)),
        ("Priscilla Santos", "keisha", ["English"], ["7"], D(2025, 8, 27)),
        ("Ryan McCarthy", "michael", ["English"], ["10"], D(2026, 8, 26)),
        ("Nadia Petrov", "michael", ["English"], ["11"], D(2023, 8, 28)),
        ("Tevin Harris", "rania", ["science"], ["9"], D(2026, 8, 26)),
        ("Julia Costa", "rania", ["science"], ["11"], D(2025, 8, 27)),
        ("Owen Fitzpatrick", "erik", ["mathematics"], ["9"], D(2026, 8, 26)),
    ]
    mentees = make_people([
        dict(name=n, site=MM[m].site, subjects=sub, grades=gr, career_start=cs, position_start=D(2026, 8, 26) if n == "Nadia Petrov" else cs,
             enrolled=D(2026, 8, 24))
        for n, m, sub, gr, cs in mentee_rows
    ], dom, taken, dict(roles=["mentee", "teacher"], programs=[MN], district=dist, position="teacher",
                        credential="Initial license"))
    leaver = mentees[2]
    leaver.left = D(2027, 3, 26)
    gone = MM["andrew"]                       # a mentor who leaves mid-year (prorated stipend)
    gone.left = D(2027, 2, 12)
    staff = make_people([
        dict(name="Margaret Flynn", roles=["coordinator"], programs=[SP, MN], site="Central Office", position="director of educator effectiveness"),
        dict(name="Howard Levine", roles=["provider"], programs=[SP], site="Merrimack State University", position="program supervisor", district="Merrimack State University", email="hlevine@merrimack-state.example.edu"),
    ], dom, taken, dict(district=dist))
    repo.people(sps + cands + mentors + mentees + staff)

    sp_pairs = [Pairing(S[r[1]].id, c.id, SP, r[5], r[6],
                        note="Spring practicum" if r[5].month == 1 else "Fall practicum")
                for c, r in zip(cands, cand_rows)]
    mn_pairs = []
    for c, r in zip(mentees, mentee_rows):
        if c is leaver:
            mn_pairs.append(Pairing(MM[r[1]].id, c.id, MN, D(2026, 8, 31), D(2027, 3, 26),
                                    note="Mentee left the district"))
        elif MM[r[1]] is gone:
            mn_pairs.append(Pairing(gone.id, c.id, MN, D(2026, 8, 31), gone.left, note="Mentor left the district"))
        else:
            mn_pairs.append(Pairing(MM[r[1]].id, c.id, MN, D(2026, 8, 31)))
    repo.pairings("2026-27", sp_pairs + mn_pairs)

    # planted deficits
    late_goals = cands[3].id                  # CAP goals set on day 38
    three_obs = cands[1].id                   # three CAP observations of four
    weak_rating = MM["keisha"].id             # needs-improvement (warning)
    untrained = MM["erik"].id                 # no mentor training ever
    experienced = mentees[8].id               # 3 years of experience: not in first three years

    logs, obs = {}, {}
    # ---- supervising practitioners: daily practicum time, weekly CAP debrief
    for k, p in enumerate(sp_pairs):
        days = cal.days(p.start, p.end)
        meet_day = (k + 3) % 5
        entries = []
        for x in days:
            entries.append(Entry(x, p.mentee, 0, "practicum", [rng.choice(MA_SP_TOPICS)]))
        debriefs = weekly_dates(cal, p.start, p.end, meet_day)
        for x in debriefs:
            entries.append(Entry(x, p.mentee, rng.choice([30, 45]), "meeting",
                                 ["CAP debrief", rng.choice(MA_SP_TOPICS)]))
        # spread the 300 hours over the practicum days (whole quarter hours)
        need = 300 * 60 + rng.choice([0, 30, 60, 120]) - sum(e.minutes for e in entries)
        per_day = int(math.ceil(need / len(days) / 15.0) * 15)
        for e in entries:
            if e.kind == "practicum":
                e.minutes = per_day
        assert sum(e.minutes for e in entries) >= 300 * 60
        meets = sorted([e for e in entries if e.kind == "meeting"], key=lambda e: e.date)

        def complete(mid, by_day):
            lim = p.start + dt.timedelta(days=by_day)
            e = [m for m in meets if m.date <= lim][-1]
            e.completes = (e.completes or []) + [mid]
            e.topics = [mid.replace("cap-", "CAP ").replace("-", " ")] + e.topics[1:]
        complete("cap-self-assessment", 12)
        complete("cap-goals", 40 if p.mentee == late_goals else 26)
        complete("cap-formative", 55)
        complete("cap-summative", 100)
        n = 3 if p.mentee == three_obs else 4
        olist = []
        for i, x in enumerate(spread_dates(cal, p.start, p.end, n, 0.2, 0.9)):
            kind = "Announced" if i % 2 == 0 else "Unannounced"
            elem = rng.choice(["1.A.4 Well-Structured Lessons", "1.B.2 Adjustment to Practice",
                               "2.A.3 Meeting Diverse Needs", "2.B.1 Safe Learning Environment",
                               "2.D.2 High Expectations", "4.A.1 Reflective Practice"])
            olist.append(Observation(x, p.mentor, rng.choice([45, 60]), f"{kind} observation: {elem}",
                                     [elem.split()[0]],
                                     f"{kind} CAP observation. Evidence collected against {elem}.\nFeedback shared in the debrief."))
        obs[p.mentee] = olist
        logs.setdefault(p.mentor, []).extend(entries)

    # ---- mentors: weekly, documenting time and topics, confidential relationship
    for k, p in enumerate(mn_pairs):
        end = p.end or cal.last
        # The leaving mentor's records are made as planned, then cut on the day he left, so
        # that every other pairing's records stay as they were.
        planned = cal.last if p.mentor == gone.id else end
        entries = weekly_support(cal, p, planned, rng, MA_TOPICS, kinds=("meeting", "meeting", "co-planning", "call"),
                                 durations=(30, 45, 45, 60), weekday=(k + 1) % 5)
        for e in entries:
            if rng.random() < 0.08:
                e.confidential = True
                e.notes = "Mentee shared parts of an evaluation conversation; kept confidential."
            elif rng.random() < 0.1:
                extra = e.date + DAY
                if extra <= planned and cal.instr(extra):
                    entries.append(Entry(extra, p.mentee, 15, "email", ["resources"]))
        # two non-evaluative peer observations, feedback before/after the lesson
        olist = []
        for x in spread_dates(cal, p.start, planned, 2, 0.25, 0.7):
            focus = rng.choice(["Student discourse", "Transitions", "Checking for understanding",
                                "Use of formative data", "Lesson launch"])
            olist.append(Observation(x, p.mentor, rng.choice([30, 45]), focus, ["Standard II"],
                                     "Non-evaluative peer observation requested by the mentee.",
                                     confidential=(k % 3 == 0)))
        obs[p.mentee] = [o for o in olist if o.date <= end]
        logs.setdefault(p.mentor, []).extend(e for e in entries if e.date <= end)
    repo.logs("2026-27", logs)
    repo.observations("2026-27", obs)

    repo.trainings("2025-26", [
        Session("mentor-training-2025-08", D(2025, 8, 19), "mentor-training",
                "District Mentor Training (two days)", 12 * 60,
                [MM[k].id for k in ("deborah", "roberto", "siobhan", "michael", "rania")]),
        Session("sp-cap-training-2026-01", D(2026, 1, 14), "sp-training",
                "CAP Training for Supervising Practitioners (Merrimack State University)", 4 * 60,
                [S[k].id for k in ("catherine", "ngozi", "paul", "isabel")]),
    ])
    repo.trainings("2026-27", [
        Session("mentor-training-2026-08", D(2026, 8, 18), "mentor-training",
                "District Mentor Training (two days)", 12 * 60,
                [MM[k].id for k in ("andrew", "keisha")]),
        Session("sp-cap-training-2026-08", D(2026, 8, 20), "sp-training",
                "CAP Training for Supervising Practitioners (Bay Colony College)", 4 * 60,
                [S[k].id for k in ("marcus", "hyun-woo")]),
        Session("mentor-cohort-2027-01", D(2027, 1, 27), "mentor-cohort",
                "Mentor cohort meeting: coaching conversations", 90,
                [m.id for m in mentors]),
    ])

    by = {p.id: p for p in sps + cands + mentors + mentees}
    pm = {p.mentee: p.mentor for p in sp_pairs + mn_pairs}
    pm_gone = next(p.mentee for p in mn_pairs if p.mentor == gone.id)
    repo.add("README.md", f"""\
# Massachusetts (ESE) — supervising practitioners and mentors

Two programs of one Massachusetts district, following ESE's comparison of the two roles.
**Supervising practitioners** (`programs/{SP}.yaml`) host pre-service candidates for a
practicum under the Candidate Assessment of Performance (CAP): they must be rated
Proficient or higher, have three years of experience and be trained, and they commit 300
hours per candidate, observe at least four times and complete the CAP 5-step cycle.
**Mentors** (`programs/{MN}.yaml`) support teachers in their first three years: trained,
three years of experience, Proficient encouraged (a warning), and they document the time
and topics of every session (`log_fields: [topics]`) in a non-evaluative, confidential
relationship.

School year 2026-27: 6 supervising practitioners with 6 fall candidates and 2 spring
candidates (January start), 8 mentors with 12 mentees; {by[leaver.id].name} leaves the
district and her pairing ends on 2027-03-26, and mentor {gone.name} (`{gone.id}`) leaves on
2027-02-12, ending his pairing with {by[pm_gone].name} (`{pm_gone}`). The training rules have `scope: ever`, so
the 2025-26 sessions count.

## Planted deficits

`mentorctl audit --year 2026-27 --as-of 2027-07-31` reports exactly these:

| who | program | requirement | what |
|---|---|---|---|
| {by[pm[late_goals]].name} (`{pm[late_goals]}`) with {by[late_goals].name} (`{late_goals}`) | SP | `cap-goals` (error) | goals set 35 days after the practicum began on 2026-09-08 (within 1mo) |
| {by[pm[three_obs]].name} (`{pm[three_obs]}`) with {by[three_obs].name} (`{three_obs}`) | SP | `cap-observations` (error) | three CAP observations in the fall practicum (four required) |
| {by[weak_rating].name} (`{weak_rating}`) | mentor | `proficient-encouraged` (warning) | latest rating `needs-improvement` |
| {by[untrained].name} (`{untrained}`) | mentor | `trained` (error) | never attended mentor training |
| {by[experienced].name} (`{experienced}`), mentee of `{pm[experienced]}` | mentor | `first-three-years` (error, `subject: mentee`) | new to the district but career_start 2023-08-28: three years of experience |

## Stipends

The mentor program pays $1,200 per mentee (`basis: pairing`), prorated by the
instructional days each pairing ran (`prorate: true`), to mentors who meet `experience`
and `trained`. `mentorctl stipend --as-of 2027-06-30` shows 11 payable rows and one
withheld: {by[untrained].name}'s (`trained` unmet). Of the 185 instructional days of 2026-27,
most pairings ran 182 (from 2026-08-31): 0.9838, $1,180.54. {gone.name}'s pairing ran
105 days to the day he left: 0.5676, $681.08; {by[leaver.id].name}'s pairing (with `{pm[leaver.id]}`)
ran 130: 0.7027, $843.24. {by[experienced].name}'s `first-three-years` finding is about the
mentee, not the mentor, and withholds nothing. The supervising-practitioner program has
no stipend.
""")
    return repo


# ==========================================================================
# West London mentor certification (seed 001)
# ==========================================================================

WL_SETTINGS = """\
# West London ITT partnership: certification of school-based mentors of student
# teachers (trainees), shared by the SCITTs and HEIs of the partnership.
mentorctl: 1
organization: West London ITT Mentor Partnership
school_year_start: 09-01
school_days: [mon, tue, wed, thu, fri]
currency: GBP
"""

WL_CALENDAR = """\
# Partnership schools' term dates 2026-27 (school year 1 September - 31 August).
school_year: 2026-27
first_day: 2026-09-03
last_day: 2027-07-21
breaks:
  - name: Autumn half term
    from: 2026-10-26
    to: 2026-10-30
  - name: Christmas holiday
    from: 2026-12-21
    to: 2027-01-01
  - name: Spring half term
    from: 2027-02-15
    to: 2027-02-19
  - name: Easter holiday
    from: 2027-03-29
    to: 2027-04-09
  - name: Summer half term
    from: 2027-05-31
    to: 2027-06-04
# INSET day, Early May bank holiday
closed: [2027-01-04, 2027-05-03]
"""

WL_PROGRAM = """\
# West London mentor certification: Entry Level and Mastery Level.
id: west-london
name: West London Mentor Certification — mentors of student teachers
mentor_role: mentor
mentee_role: trainee
requirements:
  - id: central-cpd
    type: training
    text: The relevant PROVIDER will facilitate central CPD opportunities at least once a year to support mentors and PCMs in the most up to date subject expertise.
    kinds: [cpd]
    min: 1
  - id: weekly-training-meetings
    type: meetings
    text: All Weekly training meetings and targets signed off
    per: week
    min: 1
    kinds: [training-meeting]
certification:
  levels:
    # Entry Level: initial preparation for successful mentoring, for those new to
    # mentoring student teachers or who wish to become mentors of student teachers.
    - id: entry
      name: Entry Level — initial preparation for successful mentoring
      valid_for: 3y
      criteria:
        - id: recommendation
          text: Recommendation by head teacher or PCM for role due to their quality engagement and high level of professional commitment
          sign_off: [head-teacher, pcm]
        - id: pre-entry-audit
          text: Pre-entry audit completed
        - id: process-and-paperwork
          text: Knowledge and understanding of process and paperwork for provider
          sign_off: [provider]
        - id: trainee-timetable
          text: Setting of appropriate timetable for trainee
          sign_off: [pcm]
        - id: lesson-feedback
          text: Lesson feedback promotes challenge to trainees, offering support and constructive advice
          sign_off: [pcm, provider]
        - id: weekly-meetings
          text: All Weekly training meetings and targets signed off
          sign_off: [pcm]
        - id: assessment-profile
          text: Assessment Profile for a training phase completed with trainee
          sign_off: [provider]
        - id: evaluation-returned
          text: Evaluation of training process returned to provider
          sign_off: [provider]
    # Mastery Level: being a successful mentor, for those working to obtain the
    # National Standards for school-based initial teacher training (ITT) mentors.
    - id: mastery
      name: Mastery Level — being a successful mentor
      requires: [entry]
      criteria:
        - id: personal-qualities
          text: "Standard 1, personal qualities: establish trusting relationships, modelling high standards of practice, and empathising with the challenges a trainee faces"
          sign_off: [provider]
        - id: teaching
          text: "Standard 2, teaching: support trainees to develop their teaching practice in order to set high expectations and to meet the needs of all pupils"
          sign_off: [provider]
        - id: professionalism
          text: "Standard 3, professionalism: set high expectations and induct the trainee to understand their role and responsibilities as a teacher"
          sign_off: [provider]
        - id: self-development-and-partnership
          text: "Standard 4, self-development and working in partnership: continue to develop their own professional knowledge, skills and understanding and invest time in developing a good working relationship within relevant ITT partnerships"
          sign_off: [provider]
matching:
  capacity: 1
  require: [subjects]
  prefer: {site: 3, grades: 1}
"""

WL_TOPICS = ["weekly targets", "behaviour management", "planning for progress",
             "assessment for learning", "subject knowledge", "adaptive teaching",
             "safeguarding", "SEND", "teaching standards evidence", "workload",
             "questioning", "marking and feedback", "parents' evening", "EAL learners"]


def build_west_london():
    name = "west-london"
    prog = "west-london"
    rng = random.Random(name)
    cal = Calendar(WL_CALENDAR)
    repo = Repo(name)
    repo.add("mentorctl.yaml", WL_SETTINGS)
    repo.add("calendars/2026-27.yaml", WL_CALENDAR)
    repo.add(f"programs/{prog}.yaml", WL_PROGRAM)

    taken = set()
    dom = "wlitt.example.org.uk"
    BP, NP, AV, HG, SB = ("Brentside Primary School", "Northolt Park High School",
                          "Acton Vale Academy", "Hanwell Green Primary School", "Southall Brook School")
    heads = make_people([
        dict(name="Margaret Okonjo", site=BP), dict(name="Stephen Clarke", site=NP),
        dict(name="Rukhsana Begum", site=AV), dict(name="Gareth Evans", site=HG),
        dict(name="Helen Marsh", site=SB),
    ], dom, taken, dict(roles=["head-teacher"], position="head teacher", district="West London"))
    pcms = make_people([
        dict(name="Nkechi Obi", site=BP), dict(name="Dev Sharma", site=NP),
        dict(name="Claire Donnelly", site=AV), dict(name="Gwen Parry", site=HG),
        dict(name="Yusuf Ali", site=SB),
    ], dom, taken, dict(roles=["pcm"], programs=[prog], position="professional coordinating mentor", district="West London"))
    providers = make_people([
        dict(name="Fiona Campbell", site="Thames Valley SCITT", position="partnership lead"),
        dict(name="Kwame Asante", site="University of West London (fictional)", position="ITE tutor"),
    ], dom, taken, dict(roles=["provider"], programs=[prog], district="West London"))
    mentors = make_people([
        dict(name="Sarah Whitmore", site=BP, subjects=["primary"], grades=["Year 4"], career_start=D(2011, 9, 1)),
        dict(name="Imran Hussain", site=NP, subjects=["mathematics"], grades=["KS3", "KS4"], career_start=D(2013, 9, 1)),
        dict(name="Olivia Bennett-Cole", site=NP, subjects=["English"], grades=["KS3", "KS4"], career_start=D(2015, 9, 1)),
        dict(name="Tomasz Nowak", site=AV, subjects=["science"], grades=["KS3", "KS4"], career_start=D(2014, 9, 1)),
        dict(name="Amina Diallo", site=AV, subjects=["modern languages"], grades=["KS3", "KS4"], career_start=D(2016, 9, 1)),
        dict(name="James Fletcher", site=HG, subjects=["primary"], grades=["Year 2"], career_start=D(2017, 9, 1)),
        dict(name="Priya Chauhan", site=SB, subjects=["geography"], grades=["KS3", "KS4"], career_start=D(2012, 9, 1)),
        dict(name="Callum Reid", site=SB, subjects=["physical education"], grades=["KS3", "KS4"], career_start=D(2018, 9, 1)),
        dict(name="Esther Adebayo", site=BP, subjects=["primary"], grades=["Year 6"], career_start=D(2019, 9, 1)),
    ], dom, taken, dict(roles=["mentor", "teacher"], programs=[prog], position="teacher", district="West London",
                        credential="QTS", rating="good"))
    for p in mentors:
        p.position_start = p.career_start
    M = {p.name.split()[0].lower(): p for p in mentors}
    trows = [
        # name, mentor, route
        ("Chloe Hammond", "sarah", "SCITT primary"),
        ("Bilal Rashid", "imran", "SCITT secondary"),
        ("Ruby Thornton", "olivia", "PGCE secondary"),
        ("Kofi Mensah", "tomasz", "SCITT secondary"),
        ("Lena Schmidt", "amina", "PGCE secondary"),
        ("Harry Edwards", "james", "PGCE primary"),
        ("Simran Kaur", "priya", "SCITT secondary"),
        ("Jack O'Neill", "callum", "PGCE secondary"),
        ("Zara Ahmed", "esther", "SCITT primary"),
        ("Marek Kowal", "tomasz", "PGCE secondary"),
        ("Poppy Hughes", "sarah", "PGCE primary"),
        ("Daniel Asare", "imran", "SCITT secondary"),
    ]
    trainees = make_people([
        dict(name=n, site=M[m].site, subjects=M[m].subjects, grades=M[m].grades,
             enrolled=D(2026, 9, 7), attributes={"route": route})
        for n, m, route in trows
    ], dom, taken, dict(roles=["trainee"], programs=[prog], position="trainee teacher", district="West London"))
    repo.people(heads + pcms + providers + mentors + trainees)

    # ---- pairings: autumn start; Marek Kowal and Poppy Hughes join for their
    # second placement in January; Daniel Asare withdraws in March.
    mid = {trainees[9].id, trainees[10].id}
    withdrew = trainees[11]
    withdrew.left = D(2027, 3, 12)
    pairs = []
    for t, (n, m, route) in zip(trainees, trows):
        if t.id in mid:
            pairs.append(Pairing(M[m].id, t.id, prog, D(2027, 1, 11), D(2027, 6, 25), note="Second placement"))
        elif t is withdrew:
            pairs.append(Pairing(M[m].id, t.id, prog, D(2026, 9, 14), D(2027, 3, 12), note="Trainee withdrew from the programme"))
        else:
            pairs.append(Pairing(M[m].id, t.id, prog, D(2026, 9, 14)))
    repo.pairings("2026-27", pairs)

    # planted deficits
    gap = (M["olivia"].id, trainees[2].id, {D(2027, 3, 1), D(2027, 3, 8)})
    no_cpd = M["callum"].id

    logs, obs = {}, {}
    for k, p in enumerate(pairs):
        end = p.end or cal.last
        skip = gap[2] if (p.mentor, p.mentee) == gap[:2] else ()
        entries = []
        for x in weekly_dates(cal, p.start, end, (k + 2) % 5, skip):
            entries.append(Entry(x, p.mentee, rng.choice([45, 60, 60]), "training-meeting",
                                 ["weekly targets"] + rng.sample(WL_TOPICS[1:], rng.choice([1, 2]))))
        olist = []
        n = 6 if (end - p.start).days > 200 else 4
        for x in spread_dates(cal, p.start, end, n, 0.08, 0.92):
            ts = rng.sample(["TS1", "TS2", "TS3", "TS4", "TS5", "TS6", "TS7", "TS8"], 2)
            focus = rng.choice(["Behaviour for learning", "Explaining new material", "Checking understanding",
                                "Adaptive teaching", "Use of assessment", "Lesson structure"])
            olist.append(Observation(x, p.mentor, rng.choice([50, 60]), focus, sorted(ts),
                                     f"Lesson observation against {' and '.join(sorted(ts))}; targets set in the weekly meeting."))
            if all(e.date != x for e in entries):
                entries.append(Entry(x, p.mentee, 30, "lesson-feedback", ["lesson feedback", focus.lower()]))
        obs[p.mentee] = olist
        for e in entries:
            if rng.random() < 0.06:
                e.notes = rng.choice(["Targets signed off on the weekly record.",
                                      "Trainee to visit the SEND base next week.",
                                      "Agreed a reduced timetable for assessment week."])
        if k % 6 == 4:
            c = entries[len(entries) // 2]
            c.confidential, c.notes = True, "Wellbeing conversation; trainee referred to the provider's support service."
        logs.setdefault(p.mentor, []).extend(entries)
    repo.logs("2026-27", logs)
    repo.observations("2026-27", obs)

    repo.trainings("2026-27", [
        Session("entry-level-briefing", D(2026, 9, 9), "mentor-training",
                "Entry Level mentor briefing: process and paperwork", 2 * 60,
                [M[k].id for k in ("james", "callum", "esther", "amina")]),
        Session("cpd-autumn", D(2026, 11, 11), "cpd", "Central CPD: subject expertise and the ITT Core Content Framework",
                3 * 60, [M[k].id for k in ("sarah", "imran", "olivia", "tomasz", "amina")] + [pcms[1].id, pcms[2].id]),
        Session("cpd-spring", D(2027, 3, 3), "cpd", "Central CPD: using research to inform mentoring",
                3 * 60, [M[k].id for k in ("james", "priya", "esther", "tomasz")] + [pcms[0].id, pcms[3].id, pcms[4].id]),
    ])

    # ---- certification evidence and the central record
    H = {h.site: h.id for h in heads}
    P = {p.site: p.id for p in pcms}
    prov = providers[0].id
    # criterion, who signs it off (None: no sign-off needed)
    entry_crit = [("recommendation", "head-teacher"), ("pre-entry-audit", None),
                  ("process-and-paperwork", "provider"), ("trainee-timetable", "pcm"),
                  ("lesson-feedback", "pcm"), ("weekly-meetings", "pcm"),
                  ("assessment-profile", "provider"), ("evaluation-returned", "provider")]
    notes = {"recommendation": "Letter on file.",
             "pre-entry-audit": "Self-audit uploaded to the partnership portal.",
             "evaluation-returned": "Evaluation form received by the provider."}

    def entry_evidence(m, start, count, recommended_by=None):
        out = []
        for i, (crit, who) in enumerate(entry_crit[:count]):
            s = {"head-teacher": H[m.site], "pcm": P[m.site], "provider": prov, None: None}[who]
            if crit == "recommendation" and recommended_by:
                s = recommended_by
            out.append((f"entry/{crit}", start + dt.timedelta(days=21 * i), s, notes.get(crit)))
        return out

    imran, tomasz, james, priya, callum, esther = (
        M[k] for k in ("imran", "tomasz", "james", "priya", "callum", "esther"))
    ev = {
        # certified at Entry Level in July 2024, now working towards Mastery
        imran.id: entry_evidence(imran, D(2023, 10, 2), 8) + [
            ("mastery/personal-qualities", D(2026, 11, 20), prov, None),
            ("mastery/teaching", D(2027, 2, 5), prov, None),
            ("mastery/professionalism", D(2027, 3, 19), prov,
             "Observed moderating judgements with the provider tutor."),
        ],
        # fully signed off this year; certificate awarded in February 2027
        tomasz.id: entry_evidence(tomasz, D(2026, 9, 10), 8),
        # fully signed off, not yet awarded
        priya.id: entry_evidence(priya, D(2026, 9, 15), 8),
        # part way through Entry Level
        james.id: entry_evidence(james, D(2026, 9, 21), 4),
        esther.id: entry_evidence(esther, D(2026, 10, 5), 2),
        # planted: the recommendation is signed by a fellow mentor
        callum.id: entry_evidence(callum, D(2026, 9, 16), 8, recommended_by=priya.id),
    }
    for pid, items in ev.items():
        body = f"person: {pid}\nevidence:\n"
        for crit, date, s, note in items:
            body += f"  - criterion: {crit}\n    program: {prog}\n    date: {date}\n"
            if s:
                body += f"    signed_off_by: {s}\n"
            if note:
                body += f"    note: {q(note)}\n"
        repo.add(f"evidence/{pid}.yaml", body)

    repo.add("certificates.yaml", f"""\
# Central record of mentors who have received certification (kept by the providers).
certificates:
  - person: {imran.id}
    program: {prog}
    level: entry
    awarded: 2024-07-10
    awarded_by: {prov}
    expires: 2027-07-10
  - person: {tomasz.id}
    program: {prog}
    level: entry
    awarded: 2027-02-12
    awarded_by: {prov}
    expires: 2030-02-12
""")

    by = {p.id: p for p in mentors + trainees + heads + pcms}
    repo.add("README.md", f"""\
# West London — Entry and Mastery mentor certification

A partnership of West London schools, SCITTs and HEIs recognises the mentors of student
teachers at two levels: **Entry Level** (initial preparation for successful mentoring:
eight criteria, from the head teacher's or PCM's recommendation to the evaluation returned
to the provider, each signed off by the right role) and **Mastery Level** (being a
successful mentor: the four National Standards for school-based ITT mentors; requires a
held Entry Level certificate). Entry certificates are valid for three years. Providers
keep a central record (`certificates.yaml`) and run central CPD at least once a year;
mentors hold weekly training meetings with their trainees (`programs/{prog}.yaml`).
School year 1 September – 31 August, currency GBP.

School year 2026-27: 9 mentors, 12 trainees (two join for a second placement in January,
{withdrew.name} withdraws in March), 5 head teachers, 5 PCMs, 2 provider staff.
Certification evidence (`evidence/`):

- {imran.name} (`{imran.id}`): Entry Level awarded 2024-07-10, expires 2027-07-10; three of
  the four Mastery criteria signed off (self-development and partnership still open).
- {tomasz.name} (`{tomasz.id}`): all eight Entry criteria signed off this year; awarded 2027-02-12, after the last sign-off.
- {priya.name} (`{priya.id}`): all eight Entry criteria signed off; ready for `certify --award`.
- {james.name} (`{james.id}`): four of eight Entry criteria; {esther.name} (`{esther.id}`): two of eight.

## Planted deficits

`mentorctl audit --year 2026-27 --as-of 2027-07-31` reports:

| who | requirement | when | what |
|---|---|---|---|
| {by[gap[0]].name} (`{gap[0]}`) with {by[gap[1]].name} (`{gap[1]}`) | `weekly-training-meetings` | 2027-W09, 2027-W10 | no weekly training meeting for two weeks in March |
| {by[no_cpd].name} (`{no_cpd}`) | `central-cpd` | 2026-27 | attended neither central CPD session |

And for certification (`mentorctl certify {callum.id} --level entry`): all eight Entry
criteria have evidence, but the recommendation is signed off by `{priya.id}`, a fellow
mentor who is neither head teacher nor PCM, so Entry Level is not met.
""")
    return repo

BUILDERS = {
    "walnut-valley": build_walnut_valley,
    "st-vrain": build_st_vrain,
    "dysart": build_dysart,
    "massachusetts": build_massachusetts,
    "west-london": build_west_london,
}


INDEX = """\
# Example records repositories

One mentorctl records repository per seed program (SPEC section 10), generated by
`python3 examples/generate.py` (deterministic; `python3 examples/generate.py NAME`
rewrites one). Each is valid (`mentorctl -C examples/NAME check` reports nothing) and
plants a few deliberate deficits, listed in its own README.md.

| folder | program(s) |
|---|---|
| `walnut-valley/` | Walnut Valley Induction Consortium: induction mentors for credential candidates |
| `west-london/` | West London Entry and Mastery mentor certification |
| `dysart/` | Dysart Unified peer mentors (three school years of pairings) |
| `massachusetts/` | Massachusetts supervising practitioners (CAP) and induction mentors |
| `st-vrain/` | St. Vrain Valley classified staff mentoring |

Try, for example:

    mentorctl -C examples/walnut-valley check
    mentorctl -C examples/walnut-valley --as-of 2027-07-31 audit --year 2026-27
"""


def main(argv):
    names = argv[1:] or list(BUILDERS)
    if not argv[1:]:
        with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as f:
            f.write(INDEX)
    for n in names:
        if n not in BUILDERS:
            sys.exit(f"unknown example {n!r}; known: {', '.join(BUILDERS)}")
        BUILDERS[n]().write()
        print(f"wrote examples/{n}")


if __name__ == "__main__":
    main(sys.argv)
