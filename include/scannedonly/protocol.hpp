// The wire protocol between the VFS module / prescan tool and scannedonlyd.
//
// A datagram (unix or UDP) carries newline-terminated absolute paths. Senders
// pack paths into datagrams of at most kBatchBytes so one send covers many
// files; a path longer than that travels alone. Names that cannot be framed
// (a newline or NUL inside) are never sent: such files stay unscanned and so
// stay unreachable through the share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

inline constexpr std::size_t kBatchBytes = 1450;      // fits one Ethernet frame
inline constexpr std::size_t kMaxPathBytes = 4095;    // PATH_MAX without the NUL
inline constexpr std::size_t kMaxDatagramBytes = kMaxPathBytes + 1;

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
};

const char* describe(PathError error);

// Checks one path as the daemon will: absolute, canonical, UTF-8, framable.
PathError check_path(std::string_view path);

// Packs paths into datagrams. Unsendable paths are refused, never split.
class BatchEncoder {
public:
    explicit BatchEncoder(std::size_t batch_bytes = kBatchBytes);

    // Returns the reason when the path cannot be sent.
    PathError add(std::string_view path);
    bool empty() const { return current_.empty() && ready_.empty(); }
    // Every datagram built so far, the last one possibly short.
    std::vector<std::string> take();

private:
    std::size_t batch_bytes_;
    std::string current_;
    std::vector<std::string> ready_;
};

struct RejectedLine {
    std::string line;  // as received, for the log (callers escape it)
    PathError error;
};

struct ParsedDatagram {
    std::vector<std::string> paths;
    std::vector<RejectedLine> rejected;
};

// Splits a datagram into valid paths and rejected lines. Blank lines are
// skipped silently. Never throws on any input.
ParsedDatagram parse_datagram(std::string_view datagram);

}  // namespace scannedonly
