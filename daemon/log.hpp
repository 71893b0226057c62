// Logging to syslog (LOG_DAEMON) or, in the foreground, to stderr.
#pragma once

#include <syslog.h>

#include <string>
#include <string_view>

namespace scannedonlyd {

// level 0: warnings and errors; 1: + notices (status lines, reloads);
// 2: + every verdict; 3: + debugging detail.
void log_open(bool to_stderr, int level);
// A configuration reload's LogLevel.
void log_set_level(int level);
// After SIGHUP: reconnects to syslog.
void log_reopen();
bool log_enabled(int priority);
void log(int priority, std::string_view message);

// A name from the network as a log line shows it: escaped
// (scannedonly::printable) and cut short, so one request cannot flood the log.
std::string loggable(std::string_view text);

}  // namespace scannedonlyd
