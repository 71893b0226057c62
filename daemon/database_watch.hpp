// Noticing changed signatures, as clamd's SelfCheck does.
//
// libclamav decides which files in the directory are databases
// (cl_statinidir), but its own comparison (cl_statchkdir) looks only at
// whole-second mtimes and at new files: a file rewritten within the second
// a reload read it (half written, say) or a removed file would go unnoticed
// until some later change. A state compares each file's identity, size and
// nanosecond times instead.
#pragma once

#include <sys/types.h>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace scannedonlyd {

struct DatabaseFile {
    dev_t dev;
    ino_t ino;
    off_t size;
    std::time_t mtime_sec, ctime_sec;
    long mtime_nsec, ctime_nsec;
    bool operator==(const DatabaseFile&) const = default;
};

// Sorted by file. nullopt when the directory cannot be read.
using DatabaseState = std::optional<std::vector<DatabaseFile>>;

// Take it before compiling an engine from `dir`: a change while compiling
// then causes one more reload instead of none.
DatabaseState database_state(const std::string& dir);

}  // namespace scannedonlyd
