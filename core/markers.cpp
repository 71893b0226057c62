#include "scannedonly/markers.hpp"

#include <fcntl.h>

#include <algorithm>

namespace scannedonly {

namespace {
bool starts_with_nonempty(std::string_view name, std::string_view prefix) {
    return !prefix.empty() && name.starts_with(prefix);
}
}  // namespace

bool is_reserved_name(std::string_view name, const Prefixes& p) {
    return starts_with_nonempty(name, p.scanned) || starts_with_nonempty(name, p.virus) ||
           starts_with_nonempty(name, p.failed);
}

std::string scanned_marker_name(std::string_view name, const Prefixes& p) {
    return p.scanned + std::string(name);
}

std::string virus_name(std::string_view name, const Prefixes& p) {
    return p.virus + std::string(name);
}

std::string failed_marker_name(std::string_view name, const Prefixes& p) {
    return p.failed + std::string(name);
}

std::string warning_file_name(std::string_view name) {
    return std::string(name) + ".VIRUS-WARNING.txt";
}

bool TrustedOwners::trusts(uid_t uid) const {
    return std::find(uids.begin(), uids.end(), uid) != uids.end();
}

std::optional<struct stat> lstat_at(int dirfd, const std::string& name) {
    struct stat st {};
    if (fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
    return st;
}

FileFacts file_facts(const struct stat& st) {
    return FileFacts{S_ISREG(st.st_mode), st.st_size, st.st_ctim, st.st_ino};
}

MarkerFacts marker_facts(const struct stat& st) {
    return MarkerFacts{true,       S_ISREG(st.st_mode), st.st_uid,         st.st_gid,
                       st.st_ctim, st.st_mtim,          st.st_atim.tv_sec};
}

MarkerFacts marker_facts(const std::optional<struct stat>& st) {
    return st ? marker_facts(*st) : MarkerFacts{};
}

bool ctime_newer(const timespec& a, const timespec& b) {
    if (a.tv_sec != b.tv_sec) return a.tv_sec > b.tv_sec;
    return a.tv_nsec > b.tv_nsec;
}

std::chrono::nanoseconds until_settled(const timespec& ctime, const timespec& coarse_now) {
    using std::chrono::nanoseconds;
    using std::chrono::seconds;
    const auto at = [](const timespec& t) { return seconds(t.tv_sec) + nanoseconds(t.tv_nsec); };
    // The first instant past the granule: the next second, or the next tick.
    const nanoseconds settles = ctime.tv_nsec == 0 ? at(ctime) + seconds(1) : at(ctime) + nanoseconds(1);
    return std::max(nanoseconds(0), settles - at(coarse_now));
}

gid_t marker_group_for(ino_t ino) { return static_cast<gid_t>(ino); }

bool same_time(const timespec& a, const timespec& b) {
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

FileVersion file_version(const struct stat& st) {
    return {st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
}

bool same_version(const FileVersion& a, const FileVersion& b) {
    return a.dev == b.dev && a.ino == b.ino && a.size == b.size && same_time(a.mtime, b.mtime) &&
           same_time(a.ctime, b.ctime);
}

Access file_access(const FileFacts& file, const MarkerFacts& marker,
                   const TrustedOwners& trusted, std::optional<SignatureStamp> current) {
    if (!file.regular) return Access::NeedsScan;
    if (file.size == 0) return Access::Allowed;
    const bool marker_valid = marker.exists && marker.regular && trusted.trusts(marker.owner) &&
                              same_time(marker.mtime, marker.ctime) &&
                              marker.group == marker_group_for(file.ino) &&
                              ctime_newer(marker.ctime, file.ctime);
    if (!marker_valid) return Access::NeedsScan;
    return current && marker.stamp != *current ? Access::Outdated : Access::Allowed;
}

}  // namespace scannedonly
