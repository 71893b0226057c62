#include "scannedonly/vfs_policy.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace scannedonly {

ListingDecision decide_listing(EntryType type, Access access, const VfsOptions& o) {
    switch (type) {
    case EntryType::Directory: return {ListingAction::Show, false};
    case EntryType::Special:
        return {o.show_special_files ? ListingAction::Show : ListingAction::Hide, false};
    case EntryType::Regular: break;
    }
    if (access == Access::Allowed) return {ListingAction::Show, false};
    if (access == Access::Outdated)
        return {ListingAction::Show, o.outdated_markers != OutdatedMarkers::Ignore,
                Priority::Rescan};
    if (o.allow_nonscanned_files || !o.hide_nonscanned_files) return {ListingAction::Show, true};
    if (o.scanning_message.empty()) return {ListingAction::Hide, true};
    return {ListingAction::Placeholder, true};
}

bool serves(Access access, OutdatedMarkers outdated) {
    switch (access) {
    case Access::Allowed: return true;
    case Access::Outdated: return outdated != OutdatedMarkers::Wait;
    case Access::NeedsScan: return false;
    }
    return false;
}

std::string placeholder_name(std::string_view name, std::string_view message) {
    std::string out(name);
    out.push_back(' ');
    out.append(message);
    return out;
}

std::optional<std::string> placeholder_target(std::string_view name, std::string_view message) {
    if (message.empty() || name.size() <= message.size() + 1) return std::nullopt;
    if (!name.ends_with(message)) return std::nullopt;
    std::string_view rest = name.substr(0, name.size() - message.size());
    if (rest.back() != ' ') return std::nullopt;
    return std::string(rest.substr(0, rest.size() - 1));
}

bool open_reads_content(int flags) {
    return (flags & O_ACCMODE) != O_WRONLY && (flags & O_TRUNC) == 0;
}

int reserved_open_error(int flags) { return (flags & O_CREAT) ? EACCES : ENOENT; }

OpenAction decide_failed_open(int error, bool pathref, const IsPlaceholder& placeholder) {
    if (error != ENOENT || !placeholder()) return OpenAction::Fail;
    return pathref ? OpenAction::OpenPlaceholderSource : OpenAction::Deny;
}

OpenAction decide_opened(int flags, bool pathref, const IsPlaceholder& placeholder) {
    if (pathref || !open_reads_content(flags)) return OpenAction::Keep;
    return placeholder() ? OpenAction::Deny : OpenAction::Judge;
}

OpenAction judge_open(bool has_verdict, int flags, const VfsOptions& o) {
    const bool keep = has_verdict || o.allow_nonscanned_files || (flags & O_ACCMODE) == O_RDWR;
    return keep ? OpenAction::Keep : OpenAction::Deny;
}

ReadAction decide_read(const ReadFacts& f) {
    if (!f.validated || !same_version(*f.validated, f.now)) return ReadAction::Recheck;
    if (f.bounded_by_size && f.read_end > f.validated->size) return ReadAction::Recheck;
    return ReadAction::Serve;
}

bool worth_waiting_on_open(off_t size, const VfsOptions& o) {
    return size >= 0 && static_cast<std::uint64_t>(size) < o.recheck_size_open;
}

bool only_hidden_entries(const std::vector<NamedEntry>& entries, const VfsOptions& o) {
    return std::all_of(entries.begin(), entries.end(), [&](const NamedEntry& e) {
        return e.name == "." || e.name == ".." || is_reserved_name(e.name, o.prefixes) ||
               (e.type == EntryType::Special &&
                decide_listing(e.type, Access::Allowed, o).action == ListingAction::Hide);
    });
}

std::string marker_path_for(std::string_view path, const Prefixes& prefixes) {
    const SplitPath parts = split_last(path);
    return std::string(parts.dir) + scanned_marker_name(parts.name, prefixes);
}

std::string share_absolute_path(std::string_view connectpath, std::string_view relative) {
    std::string out(connectpath);
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    std::size_t start = 0;
    while (start <= relative.size()) {
        std::size_t end = relative.find('/', start);
        if (end == std::string_view::npos) end = relative.size();
        std::string_view part = relative.substr(start, end - start);
        if (!part.empty() && part != ".") {
            if (out != "/") out.push_back('/');
            out.append(part);
        }
        start = end + 1;
    }
    return out;
}

bool wait_until_ready(const std::function<bool()>& ready, unsigned tries,
                      std::chrono::milliseconds interval) {
    if (ready()) return true;
    for (unsigned i = 0; i < tries; ++i) {
        std::this_thread::sleep_for(interval);
        if (ready()) return true;
    }
    return false;
}

}  // namespace scannedonly
