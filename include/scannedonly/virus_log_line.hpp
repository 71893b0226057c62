// A line of the daemon's tab-separated virus log, for post-processing: time
// (UTC, ISO 8601), path, virus name, action and destination.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace scannedonly {

// "2026-11-22T01:30:00Z"
std::string iso_time(std::time_t when);

// The fields are escaped by printable(): every control character (tab,
// newline, carriage return, ...), the backslash and bytes that are not UTF-8
// become \xHH, so a name can neither split a field nor start a line.
std::string virus_log_line(std::time_t when, std::string_view path, std::string_view virus,
                           std::string_view action, std::string_view destination);

}  // namespace scannedonly
