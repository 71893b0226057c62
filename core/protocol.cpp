#include "scannedonly/protocol.hpp"

#include "scannedonly/utf8.hpp"

#include <utility>

namespace scannedonly {

const char* describe(PathError error) {
    switch (error) {
    case PathError::None: return "ok";
    case PathError::Empty: return "empty path";
    case PathError::Relative: return "path is not absolute";
    case PathError::ContainsNul: return "path contains a NUL byte";
    case PathError::ContainsNewline: return "path contains a newline";
    case PathError::TooLong: return "path longer than PATH_MAX";
    case PathError::NonCanonical: return "path is not canonical (//, /./, /../ or trailing /)";
    case PathError::InvalidUtf8: return "path is not valid UTF-8";
    case PathError::Truncated: return "last line has no newline (truncated datagram)";
    case PathError::UnknownMark: return "unknown priority mark";
    }
    return "unknown error";
}

const char* priority_name(Priority priority) {
    switch (priority) {
    case Priority::Bulk: return "bulk";
    case Priority::Rescan: return "rescan";
    case Priority::Normal: return "normal";
    case Priority::Open: return "open";
    }
    return "normal";
}

std::optional<Priority> parse_priority(std::string_view name) {
    for (Priority p : {Priority::Bulk, Priority::Rescan, Priority::Normal, Priority::Open})
        if (name == priority_name(p)) return p;
    return std::nullopt;
}

namespace {
// The mark a sender puts before a path: "open:", "rescan:", "bulk:"; none
// for normal.
std::string_view mark_of(Priority priority) {
    switch (priority) {
    case Priority::Open: return "open:";
    case Priority::Rescan: return "rescan:";
    case Priority::Bulk: return "bulk:";
    case Priority::Normal: break;
    }
    return {};
}

bool is_canonical(std::string_view path) {
    if (path.size() > 1 && path.back() == '/') return false;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        std::string_view component = path.substr(start, end - start);
        if (component.empty() && end != path.size()) return false;
        if (component == "." || component == "..") return false;
        start = end + 1;
    }
    return true;
}
}  // namespace

PathError check_path(std::string_view path) {
    if (path.empty()) return PathError::Empty;
    if (path.size() > kMaxPathBytes) return PathError::TooLong;
    if (path.find('\0') != std::string_view::npos) return PathError::ContainsNul;
    if (path.find('\n') != std::string_view::npos) return PathError::ContainsNewline;
    if (path.front() != '/') return PathError::Relative;
    if (!is_valid_utf8(path)) return PathError::InvalidUtf8;
    if (!is_canonical(path)) return PathError::NonCanonical;
    return PathError::None;
}

BatchEncoder::BatchEncoder(Priority priority, std::size_t batch_bytes)
    : mark_(mark_of(priority)), batch_bytes_(batch_bytes) {}

PathError BatchEncoder::add(std::string_view path) {
    if (PathError error = check_path(path); error != PathError::None) return error;
    if (!current_.empty() && current_.size() + line_size(path) > batch_bytes_) {
        ready_.push_back(std::move(current_));
        current_.clear();
    }
    current_.append(mark_);
    current_.append(path);
    current_.push_back('\n');
    return PathError::None;
}

std::vector<std::string> BatchEncoder::take() {
    if (!current_.empty()) ready_.push_back(std::move(current_));
    current_.clear();
    return std::exchange(ready_, {});
}

PathError parse_line(std::string_view line, Request& out) {
    out.priority = Priority::Normal;
    if (!line.empty() && line.front() != '/') {
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) return PathError::Relative;
        const auto priority = parse_priority(line.substr(0, colon));
        if (!priority) return PathError::UnknownMark;
        out.priority = *priority;
        line.remove_prefix(colon + 1);
    }
    if (PathError error = check_path(line); error != PathError::None) return error;
    out.path.assign(line);
    return PathError::None;
}

ParsedDatagram parse_datagram(std::string_view datagram) {
    ParsedDatagram out;
    std::size_t start = 0;
    while (start < datagram.size()) {
        std::size_t end = datagram.find('\n', start);
        if (end == std::string_view::npos) {
            out.rejected.push_back({std::string(datagram.substr(start)), PathError::Truncated});
            break;
        }
        std::string_view line = datagram.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        Request request;
        if (PathError error = parse_line(line, request); error != PathError::None)
            out.rejected.push_back({std::string(line), error});
        else
            out.requests.push_back(std::move(request));
    }
    return out;
}

}  // namespace scannedonly
