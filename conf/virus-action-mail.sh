#!/bin/sh
# Example VirusAction for scannedonlyd(8): mails root about each infected
# file, when a sendmail (exim4, postfix, msmtp-mta, ...) is installed.
#
#   VirusAction /usr/local/sbin/scannedonly-virus-mail
#
# scannedonlyd runs it without a shell and passes the facts in the
# environment: SCANNEDONLY_PATH, SCANNEDONLY_VIRUS, SCANNEDONLY_ACTION,
# SCANNEDONLY_DESTINATION, SCANNEDONLY_TIME. The path is the file's name as
# it is, which may hold any byte but NUL, newlines too: it goes only into
# the body here, never into a header.
set -eu
sendmail=/usr/sbin/sendmail
[ -x "$sendmail" ] || exit 0
host=$(hostname)
{
    printf 'To: root\n'
    printf 'Subject: scannedonly: virus found on %s\n' "$host"
    printf 'Content-Type: text/plain; charset=utf-8\n\n'
    printf 'File:        %s\n' "$SCANNEDONLY_PATH"
    printf 'Virus:       %s\n' "$SCANNEDONLY_VIRUS"
    printf 'When:        %s\n' "$SCANNEDONLY_TIME"
    printf 'Action:      %s\n' "$SCANNEDONLY_ACTION"
    printf 'Destination: %s\n' "${SCANNEDONLY_DESTINATION:-(not moved)}"
} | "$sendmail" -t -oi
