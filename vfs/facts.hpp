// Stats for the marker rules, turned into the core's facts.
#pragma once

#include "samba.hpp"

#include "scannedonly/markers.hpp"
#include "scannedonly/vfs_policy.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace scannedonly_vfs {

struct ConnState;

// A kernel stat with the kernel's ctime (Samba 4.17's is wrong, see facts.cpp).
SMB_STRUCT_STAT from_kernel(const struct stat& raw);

// fstatat(dirfsp, path); nothing on error (errno set).
std::optional<struct stat> kernel_stat_at(const files_struct* dirfsp, std::string_view path,
                                          int flags);

// fstatat(dirfsp, path) with the kernel's ctime; nothing on error (errno set).
std::optional<SMB_STRUCT_STAT> stat_at(const files_struct* dirfsp, std::string_view path,
                                       int flags);
std::optional<SMB_STRUCT_STAT> stat_fd(int fd);

// The stat an open's content is judged by: the opened file's, or for a
// named stream its base file's (the daemon scans files, not streams).
std::optional<SMB_STRUCT_STAT> content_stat(const ConnState& state, const files_struct* fsp,
                                            int fd);

// The handle's file under the name it has now, beside which its verdict
// lies: a rename may have moved it away from the name it was opened by, and
// another file may have that name since.
struct NamedContent {
    std::string path;  // absolute
    SMB_STRUCT_STAT st;
};

// For a named stream its base file at the handle's name (see content_stat),
// else the name /proc gives the open fd, if that name still leads to it.
std::optional<NamedContent> named_content(const ConnState& state, const files_struct* fsp,
                                          int fd);

scannedonly::FileVersion file_version(const SMB_STRUCT_STAT& st);

scannedonly::EntryType entry_type(const SMB_STRUCT_STAT& st);

// Whether the regular file at `path` (relative to dirfsp), whose stat is
// `file`, may be read: its marker is looked up beside it. Outdated when the
// marker predates the daemon's signatures (unless the share ignores that).
scannedonly::Access access_at(const ConnState& state,
                              const files_struct* dirfsp, std::string_view path,
                              const SMB_STRUCT_STAT& file);

// Whether content with stat `st`, of the file at the absolute `path`, may be
// read: regular files need a fresh verdict, other files have no content.
bool has_verdict(const ConnState& state, const files_struct* fsp, std::string_view path,
                 const SMB_STRUCT_STAT& st);

}  // namespace scannedonly_vfs
