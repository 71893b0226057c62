#include "scannedonly/walk_rules.hpp"

namespace scannedonly {

bool skip_entry(std::string_view name, std::string_view path, bool is_directory,
                const Prefixes& prefixes, const std::vector<Pattern>& excludes) {
    if (is_reserved_name(name, prefixes)) return true;
    if (!is_directory) return matches_any(excludes, path);
    return matches_any(excludes, std::string(path) + "/");
}

bool marker_expired(const MarkerFacts& marker, const timespec& now,
                    std::chrono::milliseconds max_age) {
    using namespace std::chrono;
    if (!marker.exists) return false;
    const auto age = seconds(now.tv_sec - marker.ctime.tv_sec) +
                     nanoseconds(now.tv_nsec - marker.ctime.tv_nsec);
    return age > max_age;
}

}  // namespace scannedonly
