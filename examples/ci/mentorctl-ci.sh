#!/bin/sh
# mentorctl in a CI system other than GitHub Actions (GitLab CI, Jenkins, Buildkite,
# Woodpecker, ...), run from the git work tree of a records repository: checks the
# records, then audits them against BASE, failing only on a requirement the change
# leaves newly unmet. Writes the JUnit report of that audit to REPORT.
#
#   BASE       the revision to compare with: the merge request's base, e.g.
#              $CI_MERGE_REQUEST_DIFF_BASE_SHA on GitLab (default: origin/main; fetch it
#              first in a shallow clone)
#   RECORDS    the records repository's folder (default: .)
#   REPORT     where to write the JUnit report (default: mentorctl-audit.xml)
#   MENTORCTL  the mentorctl program (default: mentorctl, found on PATH)
#
# Exit status: mentorctl's own, 0 when nothing new is unmet, 1 when something is (or
# check found errors), 2 for bad usage or records with errors.
set -u

base=${BASE:-origin/main}
records=${RECORDS:-.}
report=${REPORT:-mentorctl-audit.xml}
mentorctl=${MENTORCTL:-mentorctl}

"$mentorctl" -C "$records" check || exit $?

# The JUnit report first, so it exists whatever the audit finds.
"$mentorctl" -C "$records" -q audit --format junit --new-since "$base" >"$report"
# What the change fixed, for the log; it never fails the job.
echo "Fixed since $base:"
"$mentorctl" -C "$records" audit --fixed-since "$base" || true
echo
echo "Newly unmet since $base:"
"$mentorctl" -C "$records" audit --new-since "$base"
