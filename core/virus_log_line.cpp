#include "scannedonly/virus_log_line.hpp"

#include "scannedonly/printable.hpp"

namespace scannedonly {

std::string iso_time(std::time_t when) {
    std::tm tm{};
    gmtime_r(&when, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string virus_log_line(std::time_t when, std::string_view path, std::string_view virus,
                           std::string_view action, std::string_view destination) {
    return iso_time(when) + '\t' + printable(path) + '\t' + printable(virus) + '\t' +
           printable(action) + '\t' + printable(destination) + '\n';
}

}  // namespace scannedonly
