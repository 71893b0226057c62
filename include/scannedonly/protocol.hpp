// The wire protocol between the VFS module / prescan tool and scannedonlyd.
//
// A datagram (unix or UDP) carries newline-terminated lines, each one
// request. Senders pack lines into datagrams of at most kBatchBytes so one
// send covers many files; a line longer than that travels alone. Names that
// cannot be framed (a newline or NUL inside) are never sent: such files stay
// unscanned and so stay unreachable through the share.
//
// A line is a plain absolute path, or a priority mark, a colon and the path:
//   /srv/share/b.txt          normal: what every sender before marks sent
//   open:/srv/share/a.doc     open: a client waits on this file now
//   normal:/srv/share/b.txt   normal, spelt out
//   rescan:/srv/share/d.odt   rescan: a file in use whose verdict predates
//                             the signatures (see signature_stamp.hpp)
//   bulk:/srv/share/c.iso     bulk: prescan, background rescans
// Marks are lower case; the path after the colon is checked like a plain
// one. A marked line never starts with '/', so a daemon without marks
// rejects it ("path is not absolute") or, like the original scannedonlyd,
// takes it for a relative path whose lstat fails; the path inside is never
// read as another one. An unknown mark rejects only its line. The daemon
// scans open before normal before rescan before bulk (see ScanQueue): new
// files people wait for first, then outdated verdicts of files in use,
// then the rest of a tree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

// Where the daemon receives requests, and where the module and the prescan
// tool send them, unless configured otherwise (Socket, scannedonly:socketname,
// --socket). In /run: a socket lives only as long as what listens on it (the
// daemon, or systemd's scannedonlyd.socket). Releases before issue 16 used
// /var/lib/scannedonly/scan. A macro so that help texts can spell it out.
#define SCANNEDONLY_DEFAULT_REQUEST_SOCKET "/run/scannedonly/scan"
inline constexpr const char* kDefaultRequestSocket = SCANNEDONLY_DEFAULT_REQUEST_SOCKET;

inline constexpr std::size_t kBatchBytes = 1450;      // fits one Ethernet frame
inline constexpr std::size_t kMaxPathBytes = 4095;    // PATH_MAX without the NUL
inline constexpr std::size_t kMaxMarkBytes = 7;       // "normal:", "rescan:"
inline constexpr std::size_t kMaxDatagramBytes = kMaxMarkBytes + kMaxPathBytes + 1;

// Lowest first, so that a higher priority compares greater.
enum class Priority : unsigned char { Bulk, Rescan, Normal, Open };
inline constexpr std::size_t kPriorities = 4;

// "bulk", "rescan", "normal", "open": the mark and the name in options and
// stats.
const char* priority_name(Priority priority);
std::optional<Priority> parse_priority(std::string_view name);

enum class PathError {
    None,
    Empty,
    Relative,
    ContainsNul,
    ContainsNewline,
    TooLong,
    NonCanonical,  // "//", "/./", "/../" or a trailing '/'
    InvalidUtf8,
    Truncated,     // last line of a datagram without its newline
    UnknownMark,   // "word:..." where word is no priority
};

const char* describe(PathError error);

// Checks one path as the daemon will: absolute, canonical, UTF-8, framable.
PathError check_path(std::string_view path);

// Packs paths into datagrams. Unsendable paths are refused, never split.
// Normal paths go unmarked, as to a daemon without priorities.
class BatchEncoder {
public:
    explicit BatchEncoder(Priority priority = Priority::Normal,
                          std::size_t batch_bytes = kBatchBytes);

    // Returns the reason when the path cannot be sent.
    PathError add(std::string_view path);
    // The bytes add(path) appends: mark, path and newline.
    std::size_t line_size(std::string_view path) const { return mark_.size() + path.size() + 1; }
    bool empty() const { return current_.empty() && ready_.empty(); }
    // Every datagram built so far, the last one possibly short.
    std::vector<std::string> take();

private:
    std::string_view mark_;  // with its colon; empty for normal
    std::size_t batch_bytes_;
    std::string current_;
    std::vector<std::string> ready_;
};

struct RejectedLine {
    std::string line;  // as received, for the log (callers escape it)
    PathError error;
};

struct Request {
    std::string path;
    Priority priority = Priority::Normal;
};

struct ParsedDatagram {
    std::vector<Request> requests;
    std::vector<RejectedLine> rejected;
};

// One line, without its newline: its request, or why it is rejected.
PathError parse_line(std::string_view line, Request& out);

// Splits a datagram into valid requests and rejected lines. Blank lines are
// skipped silently. Never throws on any input.
ParsedDatagram parse_datagram(std::string_view datagram);

}  // namespace scannedonly
