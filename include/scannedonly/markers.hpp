// Marker rules: which names are reserved and when a file counts as scanned.
//
// A verdict lives beside the file it is about: ".scanned:NAME" (clean),
// ".virus:NAME" (the renamed infected file), ".failed:NAME" (scan error).
// Shared by the VFS module, the daemon and the prescan tool.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

struct Prefixes {
    std::string scanned = ".scanned:";
    std::string virus = ".virus:";
    std::string failed = ".failed:";
};

// True for every name that only the daemon may create: clients must never
// see, create, open or rename onto such a name.
bool is_reserved_name(std::string_view name, const Prefixes& prefixes);

std::string scanned_marker_name(std::string_view name, const Prefixes& prefixes);
std::string virus_name(std::string_view name, const Prefixes& prefixes);
std::string failed_marker_name(std::string_view name, const Prefixes& prefixes);

// "NAME.VIRUS-WARNING.txt": the note the daemon leaves beside an infected
// file, which the prescan tool also looks for.
std::string warning_file_name(std::string_view name);

// What a stat of the file and of its ".scanned:" marker tells.
struct FileFacts {
    bool regular = false;
    off_t size = 0;
    timespec ctime{};
    ino_t ino = 0;
};

// Which signatures judged a file (signature_stamp.hpp).
using SignatureStamp = std::int64_t;

struct MarkerFacts {
    bool exists = false;
    bool regular = false;
    uid_t owner = 0;
    gid_t group = 0;
    timespec ctime{};
    timespec mtime{};
    SignatureStamp stamp = 0;  // its access time's seconds
};

// fstatat without following a symlink; empty when the name does not exist
// (or cannot be looked at). What the facts below are read from.
std::optional<struct stat> lstat_at(int dirfd, const std::string& name);

// From an lstat of the name (a symlink is not a regular file), and of the
// marker; a marker that could not be stat'ed does not exist.
FileFacts file_facts(const struct stat& st);
MarkerFacts marker_facts(const struct stat& st);
MarkerFacts marker_facts(const std::optional<struct stat>& st);

// Owners whose markers are believed: root plus the daemon's user, if any.
struct TrustedOwners {
    std::vector<uid_t> uids{0};
    bool trusts(uid_t uid) const;
};

// Strictly newer: ctime has jiffy granularity, so a write in the same tick as
// the marker must not pass. Writers of markers make sure the marker's ctime
// is strictly newer (the daemon re-touches it if needed).
bool ctime_newer(const timespec& a, const timespec& b);

// When a file's current version may be read for a verdict.
//
// Timestamps have a granule: the kernel's coarse clock tick (4 ms at
// HZ=250) on most filesystems, a whole second on ext3, on ext4 made with
// 128-byte inodes (mkfs.ext4 -I 128) and on some network and FUSE
// filesystems. Two writes within one granule leave ctime as the first set
// it, and the second may keep size and mtime too: no stat can tell the
// versions apart. So a scan begins only once the clock has left the
// granule of the file's ctime. Every write after that moves ctime past
// it, which the daemon's check after the scan and file_access both see;
// and the marker, stamped later still, is strictly newer than the file
// without waiting, even where a stamp can only move by whole seconds (the
// original 0.19 fixed the same problem by sleeping a second per marker).
//
// A granule is recognised by the ctime itself: whole-second filesystems
// show tv_nsec == 0. A fine-grained ctime that happens to be whole waits a
// second once, which costs nothing but time. Filesystems with coarser
// timestamps than a second (FAT) are not supported.
//
// `coarse_now` is CLOCK_REALTIME_COARSE, the clock ctime is taken from.
// Returns how long until the version settles; zero once it has.
std::chrono::nanoseconds until_settled(const timespec& ctime, const timespec& coarse_now);

// The group a marker carries: the file's inode number, as far as a gid holds
// it (32 bits; all of ext4's). It ties the marker to the inode it judged.
gid_t marker_group_for(ino_t ino);

bool same_time(const timespec& a, const timespec& b);

// A file as a stat shows it. A write moves mtime and ctime before its bytes
// become visible, so an unchanged version means unchanged content (within a
// ctime tick, see decide_read in vfs_policy.hpp).
struct FileVersion {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    timespec mtime{};
    timespec ctime{};
};

FileVersion file_version(const struct stat& st);
bool same_version(const FileVersion& a, const FileVersion& b);

// Outdated: the marker vouches for the file, but under signatures older
// than those in use; what that means is the share's choice
// (OutdatedMarkers in vfs_options.hpp). The daemon scans such a file again.
enum class Access { Allowed, Outdated, NeedsScan };

// A marker vouches only for the file it was written for, unchanged since:
//  - it is a regular file owned by a trusted user (users cannot write it);
//  - it was not moved since it was written: its writer's last step sets
//    mtime to now, which sets ctime to the same instant, and any later
//    rename, link, chmod or chown of the marker moves only its ctime. So a
//    marker renamed onto another name (or away and back) no longer counts;
//  - its group is marker_group_for(the file's inode): the inode at the
//    name is the one it judged, not a symlink's target or a file swapped in;
//  - its ctime is strictly newer than the file's, so no write, truncation,
//    rename into place or metadata change of the file came after it.
// Markers of earlier versions carry group 0 and are rescanned, never
// trusted. A regular empty file has no content and is always allowed;
// anything else that is not a regular file (a symlink, for one) is never
// vouched for. Callers handle directories and special files before asking.
// A vouching marker whose stamp is not `current` is Outdated; without a
// current stamp none is.
Access file_access(const FileFacts& file, const MarkerFacts& marker,
                   const TrustedOwners& trusted,
                   std::optional<SignatureStamp> current = std::nullopt);

}  // namespace scannedonly
