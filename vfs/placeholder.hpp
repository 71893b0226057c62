// The "NAME is being scanned for viruses" entries shown for unscanned files.
#pragma once

#include "samba.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace scannedonly_vfs {

struct ConnState;

bool placeholders_enabled(const ConnState& state);

// A cheap test by name alone, before any stat: can `path` be a placeholder?
bool has_placeholder_form(const ConnState& state, std::string_view path);

// When `path` (relative to dirfsp) is a placeholder - no such file exists,
// but the file it stands for is unscanned - the stat to show for it: the
// real file's, with no content.
std::optional<SMB_STRUCT_STAT> placeholder_stat(const ConnState& state,
                                                const files_struct* dirfsp,
                                                std::string_view path);

// The path of the file a placeholder path stands for.
std::string placeholder_source(const ConnState& state, std::string_view path);

void make_placeholder_stat(SMB_STRUCT_STAT& st);

}  // namespace scannedonly_vfs
