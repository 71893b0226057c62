// What the VFS module does with a directory entry, an open, a placeholder
// name or a path: the decisions, free of Samba, so they are unit tested.
#pragma once

#include "scannedonly/markers.hpp"
#include "scannedonly/paths.hpp"
#include "scannedonly/protocol.hpp"
#include "scannedonly/vfs_options.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

enum class EntryType { Directory, Regular, Special };

enum class ListingAction { Show, Hide, Placeholder };

struct ListingDecision {
    ListingAction action = ListingAction::Show;
    bool notify = false;                   // the daemon should scan it
    Priority priority = Priority::Normal;  // of that request
};

// Reserved names are filtered before; `access` only matters for regular
// files. An outdated file is listed as before whatever the share's choice
// for outdated markers (hiding a whole share after each signature update
// would do more harm than good; with wait, its opens wait) and rescanned
// before bulk work, as files in use come first.
ListingDecision decide_listing(EntryType type, Access access, const VfsOptions& options);

// Whether a file with this access may be served now, as the share's
// outdated_markers says.
bool serves(Access access, OutdatedMarkers outdated);

// "NAME <scanning_message>", the 0-byte entry shown while NAME is scanned.
std::string placeholder_name(std::string_view name, std::string_view message);

// NAME when `name` has the placeholder form, else nothing.
std::optional<std::string> placeholder_target(std::string_view name, std::string_view message);

// Whether an open with these open(2) flags can read the file's present
// content: write-only and truncating opens cannot, so they need no scan.
bool open_reads_content(int flags);

// An openat's decisions, around smbd's own open. Whether the name is a
// placeholder's costs a stat, so it is asked only when it matters.
using IsPlaceholder = std::function<bool()>;

enum class OpenAction {
    Fail,                   // smbd's open failed: its errno stands
    Keep,                   // the fd goes to smbd
    Judge,                  // the fd goes to smbd only as judge_open says
    OpenPlaceholderSource,  // the pathref opens the file the placeholder stands for
    Deny,                   // EACCES
};

// Before the open: the errno refusing a reserved name, which looks absent
// unless the open would create it.
int reserved_open_error(int flags);

// After smbd's open failed with `error`: a placeholder has no file of its
// own; its pathref opens the file it stands for, so that smbd can list and
// stat it, and any other open of it is denied.
OpenAction decide_failed_open(int error, bool pathref, const IsPlaceholder& placeholder);

// After smbd's open succeeded: pathrefs and opens that cannot read the
// content are kept (reads through a handle without a verdict wait for one,
// see decide_read); a placeholder's content is never served.
OpenAction decide_opened(int flags, bool pathref, const IsPlaceholder& placeholder);

// Once an opened file is judged: kept with a verdict, or when unscanned
// files are allowed, or when opened for reading and writing, which may be an
// overwrite (smbd truncates only after the open).
OpenAction judge_open(bool has_verdict, int flags, const VfsOptions& options);

enum class ReadAction { Serve, Recheck };

// What a read through an open handle found, told after the read: a check
// before it could not see a write landing between the check and the read.
struct ReadFacts {
    std::optional<FileVersion> validated;  // what the handle's last verdict covered
    FileVersion now;                       // the file's fstat after the read
    off_t read_end = 0;                    // offset + bytes read
    bool bounded_by_size = true;           // false when `now` is not the read file's own
};

// Bytes just read may be served when the file is still at the version a
// fresh verdict covered and they end within that version's size. A marker's
// ctime is newer than its file's, so any later write moves a scanned file's
// ctime; an empty file needs no marker, and a write and a truncate within
// its ctime tick would leave its stat as it was, but not the bytes read.
ReadAction decide_read(const ReadFacts& facts);

// Whether an unscanned file is small enough for an open to wait for its scan.
bool worth_waiting_on_open(off_t size, const VfsOptions& options);

// An entry of a directory being removed, as lstat shows it (a symlink is
// Regular here: it is listed, whatever it points to).
struct NamedEntry {
    std::string name;
    EntryType type;
};

// rm_hidden_files_on_rmdir: a directory whose remaining entries clients
// cannot see (reserved names, and special files unless show_special_files)
// may have them removed so that rmdir succeeds, as in the original ("."
// and ".." are ignored). Unscanned files are the users' and always stay.
bool only_hidden_entries(const std::vector<NamedEntry>& entries, const VfsOptions& options);

// The marker's path for a path relative to some directory: "dir/.scanned:NAME".
std::string marker_path_for(std::string_view path, const Prefixes& prefixes);

// connectpath + "/" + a share-relative path, with "." and empty components
// dropped. The caller still checks the result with check_path().
std::string share_absolute_path(std::string_view connectpath, std::string_view relative);

// Polls `ready` now and then up to `tries` more times, `interval` apart.
bool wait_until_ready(const std::function<bool()>& ready, unsigned tries,
                      std::chrono::milliseconds interval);

}  // namespace scannedonly
