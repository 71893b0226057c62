#include "stream_scan.hpp"

#include "log.hpp"
#include "scannedonly/streams.hpp"

#include <sys/xattr.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace scannedonlyd {

namespace {

// The whole value of an attribute, or of the name list for an empty name.
// It may grow between the size query and the read (ERANGE): asked again.
bool read_attribute(int fd, const std::string& name, std::vector<char>& out) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        const ssize_t size = name.empty() ? flistxattr(fd, nullptr, 0)
                                          : fgetxattr(fd, name.c_str(), nullptr, 0);
        if (size < 0) return false;
        out.resize(static_cast<std::size_t>(size));
        const ssize_t got = name.empty() ? flistxattr(fd, out.data(), out.size())
                                         : fgetxattr(fd, name.c_str(), out.data(), out.size());
        if (got >= 0) {
            out.resize(static_cast<std::size_t>(got));
            return true;
        }
        if (errno != ERANGE) return false;
    }
    return false;
}

ScanResult unreadable(const std::string& what) {
    return {ScanResult::Failed, "cannot read " + what + ": " + strerror(errno)};
}

}  // namespace

ScanResult scan_streams(const ScanEngine& engine, int fd, const std::string& path) {
    std::vector<char> list;
    if (!read_attribute(fd, "", list))
        return errno == ENOTSUP ? ScanResult{ScanResult::Clean, {}}
                                : unreadable("its extended attributes");
    std::vector<char> value;
    for (const std::string& name :
         scannedonly::stream_attribute_names({list.data(), list.size()})) {
        if (!read_attribute(fd, name, value)) return unreadable("extended attribute " + name);
        const std::string label = path + ":" + name;
        ScanResult result = engine.scan_memory(value.data(), value.size(), label.c_str());
        if (result.kind != ScanResult::Clean) {
            log(LOG_NOTICE, "in extended attribute " + loggable(name) + " of " + loggable(path) +
                                ": " + result.detail);
            return result;
        }
    }
    return {ScanResult::Clean, {}};
}

}  // namespace scannedonlyd
