// A handle's verdict: the version of its file that a fresh verdict covered,
// kept with the handle so that its reads can tell when the file changed.
#pragma once

#include "samba.hpp"

#include "scannedonly/markers.hpp"

#include <optional>

namespace scannedonly_vfs {

struct ConnState;

// The version the handle's last verdict covered; nothing if it has none.
std::optional<scannedonly::FileVersion> handle_verdict(vfs_handle_struct* handle,
                                                       files_struct* fsp);

// Keeps the stat a verdict covered with the handle, or drops what it had.
void remember_verdict(vfs_handle_struct* handle, files_struct* fsp,
                      const std::optional<SMB_STRUCT_STAT>& covered);

// Whether content with stat `st`, of the file at the absolute `path`, may
// be served now (has_verdict); one served on an outdated verdict is sent
// for a rescan, ahead of bulk work.
bool serve_now(ConnState& state, const files_struct* fsp, const std::string& path,
               const SMB_STRUCT_STAT& st);

// The stat a fresh verdict covers for the content open at `fd`: after
// asking the daemon for a scan, waits for one within the open's budget.
// Nothing when none came, or none can come: the file has no name that
// leads to it, or it has a reserved one (the daemon renamed it infected).
std::optional<SMB_STRUCT_STAT> wait_for_verdict(ConnState& state, const files_struct* fsp,
                                                int fd);

}  // namespace scannedonly_vfs
